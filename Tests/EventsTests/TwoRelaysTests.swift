import Foundation
import InkwellContracts
import InkwellCore
import InkwellEvents
import InkwellKafka
import InkwellPostgres
import Testing
import TestSupport

/// Two replicas (two pools, two producers, two relays) publishing one outbox.
@Suite struct TwoRelaysTests {
    @Test func twoRelaysOnOneOutboxKeepPerKeyOrder() async throws {
        let logger = relayTestLogger()
        let brokers = try TestEnvironment.kafkaBrokers()
        let prefix = "t\(UUID().uuidString.prefix(6).lowercased())."
        let topic = RelayNote.topic.name(prefix: prefix)
        let url = try await outboxDatabase()
        var configuration = OutboxRelay.Configuration()
        configuration.batchSize = 16  // small batches: the replicas interleave
        configuration.pollInterval = .milliseconds(20)
        let pools = [try pool(url, size: 2), try pool(url, size: 2)]
        let producers = try (0..<2).map { try KafkaProducer(configuration: KafkaProducerConfiguration(brokers: brokers, clientId: "replica-\($0)"), logger: logger) }
        let signals = [WakeSignal(), WakeSignal()]
        let relays = (0..<2).map { OutboxRelay(postgres: pools[$0], producer: producers[$0], signal: signals[$0], schema: "users", configuration: configuration, logger: logger) }
        let units = (0..<2).map { UnitOfWorkRunner(postgres: pools[$0], relaySignal: signals[$0], topicPrefix: prefix) }
        let keys = (0..<5).map { "key-\($0)" }
        let perKey = 120

        try await withServices(pools + producers + relays) {
            // Writes alternate between the replicas, each waking its own relay.
            for n in 0..<perKey {
                try await units[n % 2].withUnitOfWork { tx in
                    for key in keys { try await tx.publish(RelayNote(k: key, n: n)) }
                }
            }
            try await pollUntil("the backlog to drain", timeout: .seconds(60), interval: .milliseconds(100)) {
                try await count(pools[0], "SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL") == 0
            }
            let owners = try await pools[0].query("SELECT count(*)::int8 AS n FROM outbox WHERE lease_owner IS NOT NULL")
            #expect(try owners.first?.decode(column: "n", as: Int64.self) == 0, "every lease released")
            let notes = try await readNotes(brokers: brokers, topic: topic) { distinctIds($0) >= keys.count * perKey }
            let byKey = firstCopiesByKey(notes)
            for key in keys { #expect(byKey[key] == Array(0..<perKey), "order of \(key)") }
        }
    }
}
