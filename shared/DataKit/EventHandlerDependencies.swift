import Logging

/// What a service's event handlers may need besides their transaction's connection (e.g. to
/// enqueue the events their effect causes on the right topic).
public struct EventHandlerDependencies: Sendable {
    /// `KAFKA_TOPIC_PREFIX`.
    public var topicPrefix: String
    public var logger: Logger

    public init(topicPrefix: String, logger: Logger) {
        self.topicPrefix = topicPrefix
        self.logger = logger
    }
}
