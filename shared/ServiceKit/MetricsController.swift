import Hummingbird
import Prometheus

/// `GET /metrics` in the Prometheus text format.
public struct MetricsController: Sendable {
    let registry: PrometheusCollectorRegistry
    public init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    public func register(on routes: RouteTable) {
        let registry = self.registry
        routes.on("/metrics", .get) { _, _ -> Response in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16 * 1024)
            registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
