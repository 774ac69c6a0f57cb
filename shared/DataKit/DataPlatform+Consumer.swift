import InkwellContracts
import InkwellEvents
import InkwellEventStream
import InkwellKafka
import InkwellPostgres
import InkwellServiceKit
import Logging

extension DataPlatform {
    /// The service's consumer of `topics` in the consumer group named after the service
    /// (EVENTS.md), both with `KAFKA_TOPIC_PREFIX` (deployments sharing a cluster must not share
    /// a group: each would get only part of its own topic's partitions), applying `handlers` in the inbox transaction on this
    /// platform's pool and waking this platform's relay after each applied event, so events the
    /// handlers enqueue go out at once. Add it to the service group after ``services``.
    public func eventConsumer(
        common: CommonConfiguration, topics: [EventTopic], handlers: EventHandlers<PostgresConnection>, logger: Logger
    ) throws -> EventConsumer {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                brokers: common.kafkaBrokers, groupId: topicPrefix + common.serviceName, topics: topics.map { $0.name(prefix: topicPrefix) },
                extra: ["client.id": "inkwell-\(common.serviceName)-consumer"]
            ),
            logger: logger
        )
        return EventConsumer(consumer: consumer, postgres: postgres, handlers: handlers, relaySignal: relaySignal, logger: logger)
    }

    /// What the service's handlers get: the topic prefix of this platform and its logger.
    public var eventHandlerDependencies: EventHandlerDependencies {
        EventHandlerDependencies(topicPrefix: topicPrefix, logger: logger)
    }
}
