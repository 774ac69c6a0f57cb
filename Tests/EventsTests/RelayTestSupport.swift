import Foundation
import InkwellContracts
import InkwellCore
import InkwellEvents
import InkwellKafka
import InkwellPostgres
import Logging
import ServiceLifecycle
import Synchronization
import TestSupport

/// The test event: `n` counts up per key `k`; `pad` makes it as large as a test needs.
struct RelayNote: InkwellEvent, Equatable {
    static let type = "inkwell.test.note.v1"
    static let topic = EventTopic.users
    var k: String
    var n: Int
    var pad: String = ""
    var key: String { k }
    var subject: String { k }
    var version: Int64 { Int64(n) }
}

func relayTestLogger() -> Logger {
    var logger = Logger(label: "test.relay")
    logger.logLevel = ProcessInfo.processInfo.environment["RELAY_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    return logger
}

/// Runs `services` (as a service group would) for the duration of `body`, then cancels them.
func withServices<T: Sendable>(_ services: [any Service], _ body: () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        for service in services { group.addTask { try await service.run(); return nil } }
        defer { group.cancelAll() }
        return try await body()
    }
}

/// A migrated outbox in a fresh database; returns its URL for the `users` role.
func outboxDatabase() async throws -> String {
    let database = try await TestDatabase.create(prefix: "relay")
    let url = try database.url(role: "users")
    try await TestDatabase.withClient(url: url) { postgres in
        try await Migrator(client: postgres, schema: "users", migrations: Outbox.migrations, logger: relayTestLogger()).migrate()
    }
    return url
}

func pool(_ url: String, size: Int) throws -> PostgresClient {
    PostgresClient(configuration: try PostgresConfiguration(url: url, poolSize: size), logger: relayTestLogger())
}

func count(_ postgres: PostgresClient, _ query: PostgresQuery) async throws -> Int64 {
    try await postgres.query(query).first?.decode(column: "n", as: Int64.self) ?? -1
}

/// Reads `topic` from the beginning until `done` holds for the notes so far (in consumption
/// order; per partition that is the log order), or the deadline passes.
func readNotes(brokers: String, topic: String, timeout: Duration = .seconds(90), until done: @escaping @Sendable ([CloudEvent<RelayNote>]) -> Bool) async throws -> [CloudEvent<RelayNote>] {
    let consumer = try KafkaConsumer(
        configuration: KafkaConsumerConfiguration(brokers: brokers, groupId: "test-\(UUID().uuidString.prefix(8))", topics: [topic], autoOffsetReset: .earliest),
        logger: relayTestLogger()
    )
    return try await withThrowingTaskGroup(of: [CloudEvent<RelayNote>]?.self) { group in
        group.addTask { try await consumer.run(); return nil }
        group.addTask {
            var notes: [CloudEvent<RelayNote>] = []
            for try await message in consumer.messages {
                notes.append(try InkwellJSON.decoder.decode(CloudEvent<RelayNote>.self, from: Data(message.value)))
                if done(notes) { break }
            }
            return notes
        }
        group.addTask {
            // The deadline of the whole collection (it races the reader), not a wait for a condition.
            try await Task.sleep(for: timeout)
            throw DeadlineExceeded(what: "the expected records on \(topic)", timeout: timeout)
        }
        defer { group.cancelAll() }
        while let result = try await group.next() {
            if let notes = result { return notes }
        }
        return []
    }
}

/// Per key, the `n` of each event's first copy, in topic order (later copies, same id, dropped
/// as the inbox would).
func firstCopiesByKey(_ notes: [CloudEvent<RelayNote>]) -> [String: [Int]] {
    var seen: Set<String> = []
    var byKey: [String: [Int]] = [:]
    for note in notes where seen.insert(note.id).inserted {
        byKey[note.data.k, default: []].append(note.data.n)
    }
    return byKey
}

func distinctIds(_ notes: [CloudEvent<RelayNote>]) -> Int { Set(notes.map(\.id)).count }
