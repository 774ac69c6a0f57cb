import Foundation
import Logging
import Metrics
import Prometheus

/// Process-wide logging and metrics, set up once by each executable's `main` before anything logs.
public enum Observability {
    /// Bootstraps swift-log (text or JSON on stderr) and swift-metrics (Prometheus); returns the
    /// registry that `/metrics` exports.
    public static func bootstrap(_ config: CommonConfiguration) -> PrometheusCollectorRegistry {
        let level = config.logLevel
        switch config.logFormat {
        case .json:
            LoggingSystem.bootstrap { label in
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }

    public static func logger(_ config: CommonConfiguration) -> Logger {
        var logger = Logger(label: "inkwell.\(config.serviceName)")
        logger.logLevel = config.logLevel
        return logger
    }
}
