import Foundation
import InkwellContracts
import InkwellCore
import InkwellKafka
import Logging
import ServiceLifecycle

/// Keeps this replica's ``ResponseCache`` true to the events: reads every partition of the
/// three topics itself (``KafkaConsumerAssignment/allPartitions(refreshInterval:)``: no group,
/// no offsets; every replica sees every event) and drops the entries each event affects
/// (``CacheInvalidation``).
///
/// The cache goes live (stores entries) once the reader has looked at the topics, so no entry
/// is older than the reader's start. Whenever the reader reports an error (broker unreachable),
/// or a record cannot be understood, it drops everything: events may arrive late or not be
/// understood, and the TTL alone would leave stale entries for up to `CACHE_TTL`; while the
/// broker stays down, entries are kept again, each for at most the TTL. When the reader
/// stops, the cache stops storing.
public struct CacheInvalidationService: Service {
    let cache: ResponseCache
    let configuration: KafkaConsumerConfiguration
    let logger: Logger

    public init(cache: ResponseCache, brokers: String, topics: [String], clientId: String, logger: Logger) {
        self.cache = cache
        configuration = KafkaConsumerConfiguration(
            brokers: brokers, groupId: clientId, topics: topics, autoOffsetReset: .latest, assignment: .allPartitions(),
            extra: ["client.id": clientId, "fetch.wait.max.ms": "10"]
        )
        self.logger = logger
    }

    public func run() async throws {
        let cache = cache
        let logger = logger
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger) { event in
            switch event {
            case .assigned(let partitions):
                if !cache.isLive { logger.info("Response cache live", metadata: ["kafka.partitions": "\(partitions.count)"]) }
                cache.setLive(true)
            case .error(let code, let message):
                let dropped = cache.removeAll()
                logger.warning("Response cache dropped everything: invalidation feed error", metadata: ["kafka.error": "\(code.name)", "reason": "\(message)", "entries": "\(dropped)"])
            }
        }
        defer { cache.setLive(false) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await consumer.run() }
            group.addTask {
                for try await message in consumer.messages { Self.apply(message, to: cache, logger: logger) }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    static func apply(_ message: KafkaMessage, to cache: ResponseCache, logger: Logger) {
        let invalidation: CacheInvalidation?
        do {
            invalidation = try CacheInvalidation.decode(message.value)
        } catch {
            let dropped = cache.removeAll()
            logger.warning("Response cache dropped everything: undecodable event", metadata: ["kafka.topic": "\(message.topic)", "kafka.offset": "\(message.offset)", "error": "\(error)", "entries": "\(dropped)"])
            return
        }
        guard let invalidation else {
            let dropped = cache.removeAll()
            logger.warning("Response cache dropped everything: unknown event type", metadata: ["kafka.topic": "\(message.topic)", "entries": "\(dropped)"])
            return
        }
        let dropped = cache.invalidate(invalidation.tags)
        // The moment of applying, for measuring how soon after arrival a change shows.
        let appliedAt = Int64(Date().timeIntervalSince1970 * 1000)
        logger.info(
            "Response cache applied event",
            metadata: [
                "event.subject": "\(eventSubject(message.value))", "kafka.topic": "\(message.topic)", "entries": "\(dropped)",
                "applied_at_ms": "\(appliedAt)",
            ])
    }

    private static func eventSubject(_ value: [UInt8]) -> String {
        (try? InkwellJSON.decoder.decode(CloudEventEnvelope.self, from: Data(value)))?.subject ?? "?"
    }
}
