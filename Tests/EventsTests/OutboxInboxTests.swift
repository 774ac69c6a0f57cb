import InkwellCore
import InkwellContracts
import Foundation
import InkwellEvents
import InkwellEventStream
import InkwellKafka
import InkwellPostgres
import Logging
import Synchronization
import Testing
import TestSupport

/// The outbox relay and the inbox against real PostgreSQL and a real Kafka-protocol broker.
@Suite struct OutboxInboxTests {
    /// Records each applied event, so a test can count how often an effect happened.
    static func recordingHandlers() -> EventHandlers<PostgresConnection> {
        var handlers = EventHandlers<PostgresConnection>()
        handlers.on(Note.self) { event, connection in
            try await connection.execute("INSERT INTO applied (event_id, n) VALUES (\(event.id), \(event.data.n))")
        }
        return handlers
    }

    func event(_ n: Int, key: UUID) -> CloudEvent<Note> {
        CloudEvent(id: UUID(), source: "inkwell/test", type: "inkwell.test.note.v1", subject: key.uuidString.lowercased(), time: Date(), data: Note(n: n, version: Int64(n)))
    }

    @Test func relayPublishesInOrderAndTheInboxAppliesEachEventOnce() async throws {
        let logger = Logger(label: "test.outbox")
        let database = try await TestDatabase.create(prefix: "events")
        let postgres = PostgresClient(configuration: try PostgresConfiguration(url: try database.url(role: "users"), poolSize: 4), logger: logger)
        let brokers = try TestEnvironment.kafkaBrokers()
        let topic = "t\(UUID().uuidString.prefix(6).lowercased()).notes"
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(brokers: brokers, clientId: "test-relay"), logger: logger)
        let signal = WakeSignal()
        let relay = OutboxRelay(postgres: postgres, producer: producer, signal: signal, schema: "users", logger: logger)
        let consumer = try KafkaConsumer(configuration: KafkaConsumerConfiguration(brokers: brokers, groupId: "test-inbox-\(topic)", topics: [topic]), logger: logger)
        let eventConsumer = EventConsumer(consumer: consumer, postgres: postgres, handlers: Self.recordingHandlers(), logger: logger)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await postgres.run() }
            try await Migrator(client: postgres, schema: "users", migrations: Outbox.migrations, logger: logger).migrate()
            try await postgres.execute("CREATE TABLE applied (seq bigserial, event_id text NOT NULL, n int NOT NULL)")
            group.addTask { try await producer.run() }
            group.addTask { try await relay.run() }
            group.addTask { try await eventConsumer.run() }

            // 50 events of one key, written in 50 transactions: they must arrive in that order.
            let key = UUID()
            for n in 1...50 {
                try await postgres.withTransaction { connection in
                    try await Outbox.enqueue(event(n, key: key), topic: topic, key: key.uuidString, on: connection)
                }
                signal.signal()
            }
            try await pollUntil("the relay to mark all 50 rows sent", timeout: .seconds(30)) {
                try await postgres.query("SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL").first?.decode(column: "n", as: Int64.self) == 0
            }

            // The relay publishes one event a second time (as after a crash between send and mark).
            try await postgres.execute("UPDATE outbox SET sent_at = NULL WHERE id = (SELECT min(id) FROM outbox)")
            signal.signal()
            try await pollUntil("the duplicate to be republished", timeout: .seconds(30)) {
                try await postgres.query("SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL").first?.decode(column: "n", as: Int64.self) == 0
            }
            // A sentinel after the duplicate on the same key: once it is applied, the duplicate was seen.
            try await postgres.withTransaction { connection in
                try await Outbox.enqueue(event(51, key: key), topic: topic, key: key.uuidString, on: connection)
            }
            signal.signal()
            try await pollUntil("the sentinel to be applied", timeout: .seconds(60), interval: .milliseconds(100)) {
                try await postgres.query("SELECT count(*)::int8 AS n FROM applied WHERE n = 51").first?.decode(column: "n", as: Int64.self) == 1
            }

            let applied = try await postgres.query("SELECT n FROM applied ORDER BY seq").map { try $0.decode(column: "n", as: Int.self) }
            #expect(applied == Array(1...51), "each event applied exactly once")
            let inbox = try await postgres.query("SELECT count(*)::int8 AS n FROM processed_events").first?.decode(column: "n", as: Int64.self)
            #expect(inbox == 51)
            group.cancelAll()
        }
    }

    @Test func anEventIsClaimedOnlyOnce() async throws {
        let database = try await TestDatabase.create(prefix: "inbox")
        try await TestDatabase.withClient(url: try database.url(role: "users")) { postgres in
            try await Migrator(client: postgres, schema: "users", migrations: Outbox.migrations, logger: Logger(label: "test")).migrate()
            let id = UUID()
            let first = try await postgres.withTransaction { try await Inbox.claim(eventId: id, type: "t", on: $0) }
            let second = try await postgres.withTransaction { try await Inbox.claim(eventId: id, type: "t", on: $0) }
            #expect(first)
            #expect(!second)
        }
    }
}
