import InkwellCore
import InkwellEventStream
import InkwellKafka
import InkwellPostgres
import Logging
import ServiceLifecycle

/// Consumes a service's subscriptions and applies each event exactly once to its database:
/// the handlers' effect and the inbox row commit in one transaction, then the Kafka offset is
/// stored. A redelivered event finds its inbox row and is skipped. A handler that keeps failing
/// is tried `retry.maxAttempts` times, then the event is parked in `dead_letters` (for
/// `replay-dead-letters`) and the partition goes on; a poison record is parked at once; while
/// the database is unreachable the event waits (nothing is parked for an outage).
///
/// Handlers whose effect causes events write them with ``Outbox/enqueue(_:topicPrefix:on:)`` on
/// their connection; `relaySignal` (the platform's relay) is woken after each applied event's
/// commit so those are published at once rather than at the relay's next poll.
public final class EventConsumer: Service, Sendable {
    let consumer: KafkaConsumer
    let processor: EventProcessor<InboxApplier>

    public init(
        consumer: KafkaConsumer, postgres: PostgresClient, handlers: EventHandlers<PostgresConnection>, retry: RetryPolicy = .standard,
        relaySignal: WakeSignal? = nil, logger: Logger
    ) {
        self.consumer = consumer
        processor = EventProcessor(handlers: handlers, applier: InboxApplier(postgres: postgres, relaySignal: relaySignal), retry: retry, logger: logger)
    }

    public func run() async throws {
        try await processor.run(consumer)
    }
}
