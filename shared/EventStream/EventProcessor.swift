import Foundation
import InkwellCore
import InkwellKafka
import Logging
import Metrics
import ServiceContextModule
import Tracing

/// The consuming loop both consumers share: for each record, in order, decode it once, apply
/// it through the ``EventApplier`` with bounded retries, park it as a ``DeadLetter`` when the
/// tries are used up (or at once when it is poison), and only then store its offset; the next
/// record of the partition follows. Unknown types are skipped (offset stored).
///
/// While a handler retries, the ``KafkaConsumer``'s poll thread keeps polling (it pauses the
/// partitions when its prefetch is full), so a long retry sequence does not exceed
/// `max.poll.interval.ms` and does not cost the group membership.
public struct EventProcessor<Applier: EventApplier>: Sendable {
    let handlers: EventHandlers<Applier.Context>
    let applier: Applier
    let retry: RetryPolicy
    let logger: Logger
    let metrics: Instruments

    struct Instruments: Sendable {
        let applied = Counter(label: "inkwell_events_applied_total")
        let duplicates = Counter(label: "inkwell_events_duplicates_total")
        let stale = Counter(label: "inkwell_events_stale_total")
        let skipped = Counter(label: "inkwell_events_skipped_total")
        let retries = Counter(label: "inkwell_consumer_retries_total")
        let lag = Gauge(label: "inkwell_consumer_lag_seconds")
    }

    public init(handlers: EventHandlers<Applier.Context>, applier: Applier, retry: RetryPolicy, logger: Logger) {
        self.handlers = handlers
        self.applier = applier
        self.retry = retry
        self.logger = logger
        metrics = Instruments()
    }

    /// Runs `consumer` and processes its records until it shuts down (graceful shutdown or
    /// cancellation); rethrows its fatal error.
    public func run(_ consumer: KafkaConsumer) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await consumer.run() }
            group.addTask {
                for try await message in consumer.messages {
                    guard await process(message) else { return }
                    do {
                        try consumer.storeOffset(message)
                    } catch {
                        // Revoked meanwhile: the new owner gets the record again (the inbox or the version gate absorbs it).
                        logger.warning("could not store offset", metadata: ["topic": "\(message.topic)", "partition": "\(message.partition)", "offset": "\(message.offset)", "error": "\(error)"])
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Handles one record; true when its offset may be stored (applied, skipped or parked),
    /// false only when cancelled first.
    ///
    /// Traced: the record's `traceparent` header (the request that caused the event) is the parent
    /// of a consumer span for its handling (with tracing on), or is forwarded as is (off), so the
    /// handler's statements, calls and events continue that trace.
    public func process(_ message: KafkaMessage) async -> Bool {
        guard let header = message.header("traceparent"),
              let traceparent = Traceparent(String(decoding: header, as: UTF8.self))
        else { return await handle(message) }
        var context = ServiceContext.current ?? .topLevel
        context.forwardedTraceparent = traceparent
        InstrumentationSystem.instrument.extract(TraceparentCarrier(traceparent: traceparent.value), into: &context, using: TraceparentCarrier.Extractor())
        return await withSpan("\(message.topic) process", context: context, ofKind: .consumer) { span in
            if span.isRecording {
                span.attributes["messaging.system"] = "kafka"
                span.attributes["messaging.destination.name"] = message.topic
                span.attributes["messaging.operation.type"] = "process"
                span.attributes["messaging.kafka.offset"] = Int(message.offset)
                if let type = message.header("ce_type") { span.attributes["cloudevents.event_type"] = String(decoding: type, as: UTF8.self) }
            }
            return await handle(message)
        }
    }

    private func handle(_ message: KafkaMessage) async -> Bool {
        if let timestamp = message.timestamp {
            metrics.lag.record(max(0, Date().timeIntervalSince(timestamp)))
        }
        switch handlers.decode(message.value) {
        case .unhandled:
            metrics.skipped.increment()
            return true
        case .poison(let poison):
            let now = Date()
            let letter = DeadLetter(eventId: poison.eventId, eventType: poison.type, message: message, error: poison.reason, attempts: 0, firstFailedAt: now, lastFailedAt: now)
            return await park(letter)
        case .event(let event):
            return await apply(event, from: message)
        }
    }

    private func apply(_ event: PreparedEvent<Applier.Context>, from message: KafkaMessage) async -> Bool {
        var attempts = 0
        var firstFailure: Date?
        while true {
            do {
                switch try await applier.apply(event, from: message) {
                case .applied: metrics.applied.increment()
                case .duplicate: metrics.duplicates.increment()
                case .stale: metrics.stale.increment()
                }
                return true
            } catch {
                if Task.isCancelled { return false }
                let metadata: Logger.Metadata = ["type": "\(event.type)", "event_id": "\(event.id.uuidString.lowercased())", "topic": "\(message.topic)", "partition": "\(message.partition)", "offset": "\(message.offset)", "error": "\(error)"]
                if applier.isTransient(error) {
                    logger.warning("event handler failed on a transient error; retrying", metadata: metadata)
                    try? await Task.sleep(for: retry.jittered(retry.maxBackoff))
                    if Task.isCancelled { return false }
                    continue
                }
                attempts += 1
                let now = Date()
                if firstFailure == nil { firstFailure = now }
                guard retry.shouldRetry(afterAttempt: attempts) else {
                    let letter = DeadLetter(eventId: event.id, eventType: event.type, message: message, error: "\(error)", attempts: attempts, firstFailedAt: firstFailure ?? now, lastFailedAt: now)
                    return await park(letter)
                }
                metrics.retries.increment()
                logger.warning("event handler failed; retrying", metadata: metadata.merging(["attempt": "\(attempts)"]) { $1 })
                try? await Task.sleep(for: retry.jittered(retry.backoff(afterAttempt: attempts)))
                if Task.isCancelled { return false }
            }
        }
    }

    /// Parks `letter`, retrying while that fails (the record's offset waits meanwhile).
    private func park(_ letter: DeadLetter) async -> Bool {
        var failures = 0
        while true {
            do {
                try await applier.park(letter)
                Counter(label: "inkwell_consumer_dead_letters_total", dimensions: [("topic", letter.topic)]).increment()
                logger.error(
                    "event parked as dead letter",
                    metadata: [
                        "type": "\(letter.eventType ?? "-")", "event_id": "\(letter.eventId?.uuidString.lowercased() ?? "-")",
                        "topic": "\(letter.topic)", "partition": "\(letter.partition)", "offset": "\(letter.offset)",
                        "attempts": "\(letter.attempts)", "error": "\(letter.error)",
                    ])
                return true
            } catch {
                if Task.isCancelled { return false }
                failures += 1
                logger.error("could not park dead letter; retrying", metadata: ["topic": "\(letter.topic)", "offset": "\(letter.offset)", "error": "\(error)"])
                try? await Task.sleep(for: retry.jittered(retry.backoff(afterAttempt: failures)))
                if Task.isCancelled { return false }
            }
        }
    }
}
