import Foundation
import InkwellContracts
import InkwellCore
import InkwellEvents
import InkwellEventStream
import InkwellKafka
import InkwellPostgres
import Logging
import Testing
import TestSupport

/// The database-backed consumer against real PostgreSQL and the test broker: typed dispatch,
/// the inbox, bounded retries, dead letters and their replay, poison records, membership.
@Suite struct EventConsumerTests {
    typealias Stack = ConsumerStack

    @Test func eventsGoToTheHandlersOfTheirTypeAndUnknownTypesAreSkipped() async throws {
        let switches = Stack.Switches()
        try await Stack.run(handlers: Stack.handlers(switches)) { stack in
            try await stack.send(stack.note(1))
            try await stack.send(CloudEvent(Memo(id: stack.aggregate, n: 2, version: 2)))
            try await stack.send(CloudEvent(id: UUID(), source: "inkwell/test", type: "inkwell.test.unknown.v1", subject: "x", time: Date(), data: Note(n: 9, version: 9)))
            try await stack.send(stack.note(3))
        } _: { stack in
            try await stack.waitUntilApplied(3)
            #expect(try await stack.applied() == [1, 1002, 3])
            #expect(try await stack.count("SELECT count(*)::int8 AS n FROM processed_events") == 3, "the unknown type is not recorded")
            #expect(try await stack.count("SELECT count(*)::int8 AS n FROM dead_letters") == 0, "nor parked")
        }
    }

    @Test func aRedeliveredEventIsAppliedOnce() async throws {
        let switches = Stack.Switches()
        try await Stack.run(handlers: Stack.handlers(switches)) { stack in
            let first = stack.note(1)
            try await stack.send(first)
            try await stack.send(first)  // the same event id again, as after a relay crash
            try await stack.send(stack.note(2))
        } _: { stack in
            try await stack.waitUntilApplied(2)
            #expect(try await stack.applied() == [1, 2])
            #expect(switches.attempts(of: 1) == 1, "the repeat never reached the handler")
        }
    }

    @Test func aHandlerThatKeepsFailingParksItsEventAndThePartitionGoesOn() async throws {
        let switches = Stack.Switches()
        switches.broken.withLock { $0 = [2] }
        let sent = SentRecord()
        try await Stack.run(handlers: Stack.handlers(switches)) { stack in
            try await stack.send(stack.note(1))
            let second = stack.note(2)
            let bytes = try InkwellJSON.encoder.encode(second)
            let (partition, offset) = try await stack.send(raw: bytes)
            sent.set(id: UUID(uuidString: second.id)!, value: Array(bytes), partition: partition, offset: offset)
            try await stack.send(stack.note(3))
        } _: { stack in
            try await stack.waitUntilApplied(3)
            #expect(try await stack.applied() == [1, 3], "the event after the parked one is applied")
            #expect(switches.attempts(of: 2) == Stack.fastRetry.maxAttempts)

            let row = try #require(try await stack.postgres.query("SELECT * FROM dead_letters").first)
            #expect(try row.decode(column: "event_id", as: UUID?.self) == sent.id)
            #expect(try row.decode(column: "event_type", as: String?.self) == Note.type)
            #expect(try row.decode(column: "topic", as: String.self) == stack.topic)
            #expect(try row.decode(column: "kafka_partition", as: Int32.self) == sent.partition)
            #expect(try row.decode(column: "kafka_offset", as: Int64.self) == sent.offset)
            #expect(try row.decode(column: "record_key", as: [UInt8]?.self) == Array(stack.aggregate.uuidString.lowercased().utf8))
            #expect(try row.decode(column: "payload", as: [UInt8].self) == sent.value, "the raw record is kept")
            #expect(try row.decode(column: "attempts", as: Int.self) == Stack.fastRetry.maxAttempts)
            #expect(try row.decode(column: "error", as: String.self).contains("handler broken for note 2"))
            #expect(try row.decode(column: "replayed_at", as: Date?.self) == nil)
            #expect(try row.decode(column: "first_failed_at", as: Date.self) <= row.decode(column: "last_failed_at", as: Date.self))

            // Replayed while the handler is still broken: it stays parked.
            let replayer = DeadLetterReplayer(postgres: stack.postgres, handlers: Stack.handlers(switches), logger: Logger(label: "test.replay"))
            let failing = try await replayer.replay()
            #expect(failing.failed.count == 1 && failing.replayed == 0)
            #expect(try await stack.count("SELECT replay_attempts::int8 AS n FROM dead_letters") == 1)
            #expect(try await stack.count("SELECT count(*)::int8 AS n FROM dead_letters WHERE replayed_at IS NULL") == 1)

            // Fixed: the replay applies it once, then there is nothing left to do.
            switches.broken.withLock { $0 = [] }
            let fixed = try await replayer.replay()
            #expect(fixed.replayed == 1 && fixed.failed.isEmpty && fixed.alreadyApplied == 0)
            #expect(try await stack.applied() == [1, 3, 2])
            #expect(try await stack.count("SELECT count(*)::int8 AS n FROM dead_letters WHERE replayed_at IS NOT NULL") == 1)
            #expect(try await replayer.replay() == DeadLetterReplayReport(), "a second replay does nothing")
            #expect(try await stack.applied() == [1, 3, 2])
        }
    }

    @Test func aReplayedEventThatWasAppliedMeanwhileIsNotAppliedAgain() async throws {
        let switches = Stack.Switches()
        let first = SentRecord()
        try await Stack.run(handlers: Stack.handlers(switches)) { stack in
            let note = stack.note(1)
            let bytes = try InkwellJSON.encoder.encode(note)
            let (partition, offset) = try await stack.send(raw: bytes)
            first.set(id: UUID(uuidString: note.id)!, value: Array(bytes), partition: partition, offset: offset)
        } _: { stack in
            try await stack.waitUntilApplied(1)
            let message = KafkaMessage(topic: stack.topic, partition: first.partition, offset: first.offset, key: nil, value: first.value)
            try await DeadLetters.park(DeadLetter(eventId: first.id, eventType: Note.type, message: message, error: "test", attempts: 1, firstFailedAt: Date(), lastFailedAt: Date()), on: stack.postgres)
            let report = try await DeadLetterReplayer(postgres: stack.postgres, handlers: Stack.handlers(switches), logger: Logger(label: "test.replay")).replay()
            #expect(report.alreadyApplied == 1 && report.replayed == 0)
            #expect(try await stack.applied() == [1])
            #expect(try await stack.count("SELECT count(*)::int8 AS n FROM dead_letters WHERE replayed_at IS NULL") == 0)
        }
    }

    @Test func poisonRecordsAreParkedAtOnceAndDoNotBlock() async throws {
        let switches = Stack.Switches()
        let wrongDataId = UUID()
        try await Stack.run(handlers: Stack.handlers(switches)) { stack in
            try await stack.send(raw: Array("not json at all".utf8))
            let wrongData = #"{"specversion":"1.0","id":"\#(wrongDataId.uuidString.lowercased())","source":"inkwell/test","type":"\#(Note.type)","subject":"x","time":"2026-01-01T00:00:00.000Z","data":{"unexpected":true}}"#
            try await stack.send(raw: Array(wrongData.utf8))
            let badId = #"{"specversion":"1.0","id":"not-a-uuid","source":"inkwell/test","type":"\#(Note.type)","subject":"x","data":{}}"#
            try await stack.send(raw: Array(badId.utf8))
            try await stack.send(stack.note(1))
        } _: { stack in
            try await stack.waitUntilApplied(1)
            let rows = try await stack.postgres.query("SELECT event_id, event_type, attempts, error FROM dead_letters ORDER BY kafka_offset")
            #expect(rows.count == 3)
            guard rows.count == 3 else { return }
            #expect(try rows[0].decode(column: "event_id", as: UUID?.self) == nil)
            #expect(try rows[0].decode(column: "event_type", as: String?.self) == nil)
            #expect(try rows[0].decode(column: "error", as: String.self).hasPrefix("not a CloudEvent"))
            #expect(try rows[1].decode(column: "event_id", as: UUID?.self) == wrongDataId)
            #expect(try rows[1].decode(column: "error", as: String.self).hasPrefix("data does not match"))
            #expect(try rows[2].decode(column: "event_type", as: String?.self) == Note.type)
            #expect(try rows.allSatisfy { try $0.decode(column: "attempts", as: Int.self) == 0 }, "poison is never tried")
            #expect(switches.attempts(of: 1) == 1)
        }
    }

    /// A retry sequence about three times `max.poll.interval.ms` long (6 s: with shorter
    /// intervals the mock coordinator does not answer a JoinGroup within librdkafka's timeout), with more records waiting than
    /// the consumer prefetches: the poll thread keeps polling (partitions paused), so the member
    /// is not evicted (no `_MAX_POLL_EXCEEDED`) and no record is delivered twice.
    @Test func theMemberStaysInItsGroupWhileAHandlerRetries() async throws {
        let switches = Stack.Switches()
        switches.broken.withLock { $0 = [1] }
        let lines = CapturingLogHandler.Lines()
        var logger = Logger(label: "test.membership") { _ in CapturingLogHandler(lines: lines) }
        logger.logLevel = .info
        let retry = RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(4000), maxBackoff: .milliseconds(4000), jitter: 0)
        let kafka = ["session.timeout.ms": "6000", "max.poll.interval.ms": "6000", "heartbeat.interval.ms": "500"]
        try await Stack.run(handlers: Stack.handlers(switches), retry: retry, kafka: kafka, logger: logger) { stack in
            for n in 1...40 { try await stack.send(stack.note(n)) }
        } _: { stack in
            do {
                try await stack.waitUntilApplied(40, timeout: .seconds(90))
            } catch {
                for line in lines.entries.withLock({ $0 }) { print("captured: \(line.message) \(line.metadata)") }
                print("applied: \(try await stack.applied())")
                throw error
            }
            #expect(try await stack.applied() == Array(2...40), "each once, in order")
            #expect(switches.attempts(of: 1) == 5, "the failing event was not redelivered")
            #expect(try await stack.count("SELECT count(*)::int8 AS n FROM dead_letters") == 1)
            #expect(!lines.contains { _, metadata in metadata["kafka.error"] == "_MAX_POLL_EXCEEDED" }, "not evicted")
            #expect(lines.contains { message, _ in message == "event handler failed; retrying" })
        }
    }
}
