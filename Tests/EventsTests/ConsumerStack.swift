import Foundation
import InkwellContracts
import InkwellCore
import InkwellEvents
import InkwellEventStream
import InkwellKafka
import InkwellPostgres
import Logging
import Synchronization
import TestSupport

/// A consuming service under test: a fresh database (schema `users`, with the platform
/// migrations and a table `applied`), a topic of its own on the test broker, a producer and an
/// ``EventConsumer`` running with the given handlers.
struct ConsumerStack: Sendable {
    let postgres: PostgresClient
    let producer: KafkaProducer
    let topic: String
    /// The aggregate every event of a test belongs to: one key, so one partition, in order.
    let aggregate = UUID()

    /// Handler behaviour a test switches at run time, and what the handlers saw.
    final class Switches: Sendable {
        let broken = Mutex<Set<Int>>([])
        let attempts = Mutex<[Int: Int]>([:])
        func attempts(of n: Int) -> Int { attempts.withLock { $0[n] ?? 0 } }
    }

    /// Notes insert `n`, memos `1000 + n` into `applied`; a note whose `n` is in `switches.broken` fails.
    static func handlers(_ switches: Switches) -> EventHandlers<PostgresConnection> {
        var handlers = EventHandlers<PostgresConnection>()
        handlers.on(Note.self) { event, connection in
            switches.attempts.withLock { $0[event.data.n, default: 0] += 1 }
            if switches.broken.withLock({ $0.contains(event.data.n) }) { throw HandlerBroken(n: event.data.n) }
            try await connection.execute("INSERT INTO applied (event_id, n) VALUES (\(event.id), \(event.data.n))")
        }
        handlers.on(Memo.self) { event, connection in
            try await connection.execute("INSERT INTO applied (event_id, n) VALUES (\(event.id), \(1000 + event.data.n))")
        }
        return handlers
    }

    struct HandlerBroken: Error, CustomStringConvertible {
        let n: Int
        var description: String { "handler broken for note \(n)" }
    }

    static let fastRetry = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(50), jitter: 0)

    /// Sets the stack up, runs `produce` before the consumer starts (so it reads from the
    /// beginning of the topic), then `body` while the consumer runs.
    static func run(
        handlers: EventHandlers<PostgresConnection>,
        retry: RetryPolicy = fastRetry,
        kafka extra: [String: String] = [:],
        logger: Logger = Logger(label: "test.consumer"),
        produce: @Sendable (ConsumerStack) async throws -> Void,
        _ body: @Sendable (ConsumerStack) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.create(prefix: "consumer")
        let postgres = PostgresClient(configuration: try PostgresConfiguration(url: try database.url(role: "users"), poolSize: 4), logger: logger)
        let brokers = try TestEnvironment.kafkaBrokers()
        let topic = "t\(UUID().uuidString.prefix(8).lowercased()).events"
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(brokers: brokers, clientId: "test-consumer"), logger: logger)
        let stack = ConsumerStack(postgres: postgres, producer: producer, topic: topic)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await postgres.run() }
            group.addTask { try await producer.run() }
            try await Migrator(client: postgres, schema: "users", migrations: Outbox.migrations, logger: logger).migrate()
            try await postgres.execute("CREATE TABLE applied (seq bigserial, event_id uuid NOT NULL, n int NOT NULL)")
            try await produce(stack)
            let consumer = try KafkaConsumer(
                configuration: KafkaConsumerConfiguration(brokers: brokers, groupId: "test-\(topic)", topics: [topic], extra: extra), logger: logger)
            let eventConsumer = EventConsumer(consumer: consumer, postgres: postgres, handlers: handlers, retry: retry, logger: logger)
            group.addTask { try await eventConsumer.run() }
            try await body(stack)
            group.cancelAll()
        }
    }

    /// A note of the test's aggregate.
    func note(_ n: Int, id: UUID = UUID()) -> CloudEvent<Note> {
        CloudEvent(Note(id: aggregate, n: n, version: Int64(n)), id: id)
    }

    @discardableResult
    func send<Payload>(_ event: CloudEvent<Payload>) async throws -> (partition: Int32, offset: Int64) {
        try await send(raw: try InkwellJSON.encoder.encode(event))
    }

    @discardableResult
    func send(raw value: some Sequence<UInt8>) async throws -> (partition: Int32, offset: Int64) {
        try await producer.send(topic: topic, key: Array(aggregate.uuidString.lowercased().utf8), value: Array(value))
    }

    /// The `n` of the applied rows, in the order they were applied.
    func applied() async throws -> [Int] {
        try await postgres.query("SELECT n FROM applied ORDER BY seq").map { try $0.decode(column: "n", as: Int.self) }
    }

    func waitUntilApplied(_ n: Int, timeout: Duration = .seconds(60)) async throws {
        try await pollUntil("note \(n) to be applied", timeout: timeout, interval: .milliseconds(100)) { try await applied().contains(n) }
    }

    func count(_ query: PostgresQuery) async throws -> Int64 {
        try await postgres.query(query).first?.decode(column: "n", as: Int64.self) ?? -1
    }
}
