import Foundation
import InkwellContracts
import InkwellCore
import InkwellEvents
import InkwellKafka
import InkwellPostgres
import Testing
import TestSupport

/// A row the broker refuses is parked, does not hold back later rows, and can be re-queued.
@Suite struct RelayParkingTests {
    @Test func aTooLargeRowIsParkedLaterRowsArriveAndRequeuePublishesIt() async throws {
        let logger = relayTestLogger()
        let brokers = try TestEnvironment.kafkaBrokers()
        let prefix = "t\(UUID().uuidString.prefix(6).lowercased())."
        let topic = RelayNote.topic.name(prefix: prefix)
        let url = try await outboxDatabase()
        let postgres = try pool(url, size: 2)
        // This producer refuses records over 100 kB (its `message.max.bytes`).
        let strictProducer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(brokers: brokers, clientId: "relay-parking", messageTimeout: .seconds(5), extra: ["message.max.bytes": "100000"]),
            logger: logger)
        let signal = WakeSignal()
        let relay = OutboxRelay(postgres: postgres, producer: strictProducer, signal: signal, schema: "users", logger: logger)
        let units = UnitOfWorkRunner(postgres: postgres, relaySignal: signal, topicPrefix: prefix)
        let huge = String(repeating: "x", count: 200_000)

        try await withServices([postgres, strictProducer, relay]) {
            try await units.withUnitOfWork { tx in try await tx.publish(RelayNote(k: "a", n: 0)) }
            try await units.withUnitOfWork { tx in try await tx.publish(RelayNote(k: "a", n: 1, pad: huge)) }
            try await units.withUnitOfWork { tx in
                try await tx.publish(RelayNote(k: "a", n: 2))
                try await tx.publish(RelayNote(k: "b", n: 0))
            }
            try await pollUntil("the huge row to be parked and the rest sent", timeout: .seconds(30)) {
                try await count(postgres, "SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL AND state = 'pending'") == 0
            }
            let parked = try await OutboxAdministration.parked(on: postgres)
            #expect(parked.count == 1)
            #expect(parked.first?.key == "a")
            #expect(parked.first?.eventType == RelayNote.type)
            #expect(parked.first?.error?.contains("MSG_SIZE_TOO_LARGE") == true, "\(parked)")

            // Rows written after the parked one (its own key included) arrived.
            let notes = try await readNotes(brokers: brokers, topic: topic) { distinctIds($0) >= 3 }
            #expect(firstCopiesByKey(notes) == ["a": [0, 2], "b": [0]])
        }

        // Re-queued for a relay whose producer takes it (the operator raised the limit): published.
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(brokers: brokers, clientId: "relay-parking-2"), logger: logger)
        let postgres2 = try pool(url, size: 2)
        let relay2 = OutboxRelay(postgres: postgres2, producer: producer, signal: signal, schema: "users", logger: logger)
        try await withServices([postgres2, producer, relay2]) {
            let postgres = postgres2
            #expect(try await OutboxAdministration.requeue(ids: [999_999], on: postgres).isEmpty, "not a parked id")
            let requeued = try await OutboxAdministration.requeue(ids: nil, on: postgres)
            #expect(requeued.count == 1)
            signal.signal()
            try await pollUntil("the re-queued row to be sent", timeout: .seconds(30)) {
                try await count(postgres, "SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL") == 0
            }
            #expect(try await OutboxAdministration.parked(on: postgres).isEmpty)
            let notes = try await readNotes(brokers: brokers, topic: topic) { distinctIds($0) >= 4 }
            #expect(notes.last?.data.n == 1 && notes.last?.data.pad.count == 200_000, "the parked event comes last")
        }
    }
}
