import Foundation
import Logging

/// The settings every Inkwell service reads (OPERATIONS.md, "Configuration of each service").
public struct CommonConfiguration: Sendable {
    public var serviceName: String
    public var httpHost: String
    public var httpPort: Int
    /// `HTTP_IDLE_TIMEOUT_SECONDS` [30]: a connection that sends nothing for this long is closed.
    public var httpIdleTimeout: Duration
    public var kafkaBrokers: String
    public var kafkaTopicPrefix: String
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// `OTEL_EXPORTER_OTLP_ENDPOINT` (optional): where to export traces over OTLP/HTTP; nil
    /// turns tracing off (no spans are made, an incoming `traceparent` is still passed on).
    public var otlpEndpoint: String?
    /// `OTEL_SERVICE_NAME` [`inkwell-<service>`]: the traces' `service.name`.
    public var otelServiceName: String

    public enum LogFormat: String, Sendable { case text, json }

    public init(serviceName: String, env: EnvironmentConfiguration, defaultPort: Int) {
        self.serviceName = serviceName
        httpHost = env.string("http.host", default: "127.0.0.1")
        httpPort = env.int("http.port", default: defaultPort, range: 1...65535)
        httpIdleTimeout = .seconds(env.int("http.idle.timeout.seconds", default: 30, range: 1...3600))
        kafkaBrokers = env.requiredString("kafka.brokers", hint: "host:port[,host:port...]")
        kafkaTopicPrefix = env.string("kafka.topic.prefix", default: "")
        let level = env.oneOf("log.level", ["trace", "debug", "info", "notice", "warning", "error", "critical"], default: "info")
        logLevel = Logger.Level(rawValue: level) ?? .info
        logFormat = LogFormat(rawValue: env.oneOf("log.format", ["text", "json"], default: "text")) ?? .text
        otlpEndpoint = env.url("otel.exporter.otlp.endpoint", required: false)
        otelServiceName = env.string("otel.service.name", default: "inkwell-\(serviceName)")
    }

    /// Whether spans are recorded and exported (``otlpEndpoint`` set).
    public var tracesExported: Bool { otlpEndpoint != nil }

    /// A topic name with the optional shared-cluster prefix.
    public func topic(_ name: String) -> String { kafkaTopicPrefix + name }
}
