import Foundation
import InkwellCore
import Logging
import Metrics
import Prometheus
import ServiceContextModule

/// Process-wide logging and metrics, set up once by each executable's `main` before anything logs.
public enum Observability {
    /// Bootstraps swift-log (text or JSON on stderr) and swift-metrics (Prometheus); returns the
    /// registry that `/metrics` exports.
    public static func bootstrap(_ config: CommonConfiguration) -> PrometheusCollectorRegistry {
        let level = config.logLevel
        let provider = requestMetadata
        switch config.logFormat {
        case .json:
            LoggingSystem.bootstrap({ label, provider in
                var handler = JSONLogHandler(label: label, metadataProvider: provider)
                handler.logLevel = level
                return handler
            }, metadataProvider: provider)
        case .text:
            LoggingSystem.bootstrap({ label, provider in
                var handler = TextLogHandler(label: label, metadataProvider: provider)
                handler.logLevel = level
                return handler
            }, metadataProvider: provider)
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }

    /// `request_id` and `trace_id` of the request being served (from the task-local
    /// `ServiceContext`), added to a log line only when one is written.
    public static let requestMetadata = Logger.MetadataProvider {
        guard let context = ServiceContext.current else { return [:] }
        var metadata: Logger.Metadata = [:]
        if let requestId = context.requestId { metadata["request_id"] = .string(requestId) }
        if let trace = context.outgoingTraceparent.flatMap(Traceparent.init) { metadata["trace_id"] = .string(String(trace.traceId)) }
        return metadata
    }

    public static func logger(_ config: CommonConfiguration) -> Logger {
        var logger = Logger(label: "inkwell.\(config.serviceName)")
        logger.logLevel = config.logLevel
        return logger
    }
}
