import InkwellDataKit
import InkwellEvents
import InkwellKafka
import InkwellServiceKit
import Logging
import ServiceLifecycle

extension CommentsApp {
    /// The comments service's work besides requests: the consumer of blog.events and
    /// users.events (with `KAFKA_TOPIC_PREFIX`) in the group `comments`, applying
    /// ``eventHandlers(_:)`` in the inbox transaction. The events its handlers write to the outbox
    /// go out at the relay's next poll (250 ms).
    public static func backgroundServices(configuration: CommentsConfiguration, platform: DataPlatform, logger: Logger) throws -> [any Service] {
        let common = configuration.common
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                brokers: common.kafkaBrokers, groupId: common.serviceName,
                topics: consumedTopics.map { $0.name(prefix: platform.topicPrefix) },
                extra: ["client.id": "inkwell-\(common.serviceName)-consumer"]
            ),
            logger: logger
        )
        let handlers = eventHandlers(EventHandlerDependencies(topicPrefix: platform.topicPrefix, logger: logger))
        return [EventConsumer(consumer: consumer, postgres: platform.postgres, handlers: handlers, logger: logger)]
    }
}
