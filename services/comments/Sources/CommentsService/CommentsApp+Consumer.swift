import InkwellDataKit
import Logging
import ServiceLifecycle

extension CommentsApp {
    /// The comments service's work besides requests: the consumer of blog.events and
    /// users.events (with `KAFKA_TOPIC_PREFIX`) in the group `comments`, applying
    /// ``eventHandlers(_:)`` in the inbox transaction; the events its handlers write to the outbox
    /// wake the relay after each commit.
    public static func backgroundServices(configuration: CommentsConfiguration, platform: DataPlatform, logger: Logger) throws -> [any Service] {
        [try platform.eventConsumer(common: configuration.common, topics: consumedTopics, handlers: eventHandlers(platform.eventHandlerDependencies), logger: logger)]
    }
}
