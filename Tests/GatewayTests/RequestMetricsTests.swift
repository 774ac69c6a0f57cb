import Hummingbird
import HummingbirdTesting
import InkwellServiceKit
import Prometheus
import Testing

/// ``RequestMetricsMiddleware``: Hummingbird's metric names and dimensions by route, method and
/// status (also for errors), the in-flight gauge back to zero, and the body left as it was.
@Suite struct RequestMetricsTests {
    @Test func countsByRouteMethodAndStatusAndKeepsTheBody() async throws {
        let registry = PrometheusCollectorRegistry()
        let router = Router()
        router.add(middleware: RequestMetricsMiddleware(metrics: RequestMetrics(factory: PrometheusMetricsFactory(registry: registry))))
        router.get("/pages/{name}") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "page"))) }
        router.get("/fails") { _, _ -> Response in throw HTTPError(.conflict) }
        try await Application(router: router).test(.router) { client in
            for _ in 0..<2 {
                let response = try await client.execute(uri: "/pages/a", method: .get)
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "page")
            }
            let failed = try await client.execute(uri: "/fails", method: .get)
            #expect(failed.status == .conflict)
        }
        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n")
        func value(_ prefix: String, _ parts: [String]) -> String? {
            lines.first { $0.hasPrefix(prefix) && parts.allSatisfy($0.contains) }.map { String($0.split(separator: " ").last ?? "") }
        }
        #expect(value("hb_requests{", ["http_route=\"/pages/{name}\"", "http_request_method=\"GET\"", "http_response_status_code=\"200\""]) == "2", "\(text)")
        #expect(value("hb_requests{", ["http_route=\"/fails\"", "http_response_status_code=\"409\""]) == "1", "\(text)")
        #expect(value("hb_request_errors{", ["http_route=\"/fails\"", "error_type=\"409\""]) == "1", "\(text)")
        #expect(value("http_server_request_duration_count{", ["http_route=\"/pages/{name}\""]) == "2", "\(text)")
        #expect(value("http_server_active_requests{", ["http_request_method=\"GET\""]) == "0.0" || value("http_server_active_requests{", ["http_request_method=\"GET\""]) == "0", "\(text)")
    }
}
