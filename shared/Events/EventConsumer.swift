import Foundation
import InkwellContracts
import InkwellCore
import InkwellKafka
import InkwellPostgres
import Logging
import Metrics
import ServiceLifecycle

/// Consumes a service's subscriptions and applies each event exactly once to its database:
/// handler effect + inbox row in one transaction, then the Kafka offset is stored (only after the
/// commit). A redelivered event finds its inbox row and is skipped; a handler that fails is retried
/// with backoff and never skipped, so nothing is lost.
public final class EventConsumer: Service, Sendable {
    let consumer: KafkaConsumer
    let postgres: PostgresClient
    let handlers: [any EventHandler]
    let logger: Logger
    let applied: Counter
    let duplicates: Counter
    let lag: Metrics.Gauge

    public init(consumer: KafkaConsumer, postgres: PostgresClient, handlers: [any EventHandler], logger: Logger) {
        self.consumer = consumer
        self.postgres = postgres
        self.handlers = handlers
        self.logger = logger
        applied = Counter(label: "inkwell_events_applied_total")
        duplicates = Counter(label: "inkwell_events_duplicates_total")
        lag = Metrics.Gauge(label: "inkwell_consumer_lag_seconds")
    }

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.consumer.run() }
            group.addTask {
                for try await message in self.consumer.messages {
                    await self.process(message)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    func process(_ message: KafkaMessage) async {
        guard let envelope = try? InkwellJSON.decoder.decode(CloudEventEnvelope.self, from: Data(message.value)),
              let eventId = UUID(uuidString: envelope.id)
        else {
            // Not a CloudEvent of ours: nothing can apply it, so it must not block the partition.
            logger.error("skipping undecodable record", metadata: ["topic": "\(message.topic)", "partition": "\(message.partition)", "offset": "\(message.offset)"])
            try? consumer.storeOffset(message)
            return
        }
        if let time = envelope.time.flatMap({ try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse($0) }) {
            lag.record(max(0, Date().timeIntervalSince(time)))
        }
        let matching = handlers.filter { $0.eventTypes.contains(envelope.type) }
        let event = ReceivedEvent(envelope: envelope, value: message.value, message: message)
        var backoff: Duration = .milliseconds(100)
        while !matching.isEmpty {
            do {
                let fresh = try await postgres.withTransaction { connection in
                    guard try await Inbox.claim(eventId: eventId, type: envelope.type, on: connection) else { return false }
                    for handler in matching { try await handler.handle(event, on: connection) }
                    return true
                }
                if fresh { applied.increment() } else { duplicates.increment() }
                break
            } catch {
                if Task.isCancelled { return }
                logger.warning("event handler failed; retrying", metadata: ["type": "\(envelope.type)", "event_id": "\(envelope.id)", "error": "\(error)"])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(10))
            }
        }
        do {
            try consumer.storeOffset(message)
        } catch {
            logger.warning("could not store offset", metadata: ["error": "\(error)"])
        }
    }
}
