import Foundation
import Instrumentation
import Logging
import OTel
import ServiceLifecycle
import Tracing

/// Tracing of a service process: off, or spans exported over OTLP/HTTP by swift-otel.
public enum OTLPTracing {
    /// With `OTEL_EXPORTER_OTLP_ENDPOINT` set, bootstraps the process-wide `InstrumentationSystem`
    /// with swift-otel's tracer (W3C `traceparent` propagation, a batching span processor, the
    /// OTLP/HTTP exporter; `OTEL_*` variables such as `OTEL_EXPORTER_OTLP_PROTOCOL=http/json` or
    /// `OTEL_BSP_SCHEDULE_DELAY` apply) and returns its service: run it in the service group, where
    /// stopping it flushes the spans not yet sent. Without, returns nil and leaves the no-op tracer
    /// in place: no span is made, and a caller's `traceparent` is forwarded as is.
    /// Call once, from `main`, before anything traces.
    public static func bootstrap(_ common: CommonConfiguration) throws -> (any Service)? {
        guard common.tracesExported else { return nil }
        var configuration = OTel.Configuration.default
        configuration.serviceName = common.otelServiceName
        configuration.metrics.enabled = false  // metrics are Prometheus's (/metrics)
        configuration.logs.enabled = false
        configuration.traces.exporter = .otlp
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(backend.factory)
        return backend.service
    }

    /// Runs `application` until a stop signal, with the tracing `exporter` (from ``bootstrap(_:)``)
    /// beside it: started first and stopped last, so the spans of the last requests are flushed.
    public static func run(_ application: some Service, exporter: (any Service)?, logger: Logger) async throws {
        guard let exporter else {
            try await ServiceGroup(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger).run()
            return
        }
        try await ServiceGroup(services: [exporter, application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger).run()
    }
}
