import InkwellKafka
import Logging
import ServiceLifecycle
import Synchronization

/// A consumer without a database (the gateway's: cache invalidation, page rendering): typed
/// handlers, which must be idempotent, get each event with its record as context. An event
/// whose `data.version` is not newer than the last one applied for its aggregate is dropped;
/// that memory is bounded (``AppliedVersions``) and starts empty after a restart, when the
/// group resumes from its committed offsets (or, with a group of its own per replica, from
/// the end) and a repeated event is applied again, harmlessly.
///
/// Bounded retries as in the database-backed consumer; a dead letter has nowhere to go but
/// the log and `inkwell_consumer_dead_letters_total` (it is skipped after that).
public final class EventStreamConsumer: Service, Sendable {
    let consumer: KafkaConsumer
    let processor: EventProcessor<VersionGate>

    public init(consumer: KafkaConsumer, handlers: EventHandlers<KafkaMessage>, retry: RetryPolicy = .standard, rememberedAggregates: Int = 100_000, logger: Logger) {
        self.consumer = consumer
        processor = EventProcessor(handlers: handlers, applier: VersionGate(capacity: rememberedAggregates), retry: retry, logger: logger)
    }

    public func run() async throws {
        try await processor.run(consumer)
    }

    /// The database-less applier: the version check in front of the handlers.
    final class VersionGate: EventApplier {
        let versions: Mutex<AppliedVersions>

        init(capacity: Int) { versions = Mutex(AppliedVersions(capacity: capacity)) }

        func apply(_ event: PreparedEvent<KafkaMessage>, from message: KafkaMessage) async throws -> ApplyOutcome {
            let aggregate = event.aggregate, version = event.version
            guard versions.withLock({ $0.isNewer(version, for: aggregate) }) else { return .stale }
            try await event.apply(message)
            versions.withLock { $0.record(version, for: aggregate) }
            return .applied
        }

        func park(_ letter: DeadLetter) async throws {}

        func isTransient(_ error: any Error) -> Bool { false }
    }
}
