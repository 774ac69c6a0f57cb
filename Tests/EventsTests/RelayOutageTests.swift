import Foundation
import InkwellContracts
import InkwellCore
import InkwellEvents
import InkwellKafka
import InkwellPostgres
import Testing
import TestSupport

/// A broker frozen (SIGSTOP) in the middle of a burst of 1,000 events and then resumed.
@Suite struct RelayOutageTests {
    @Test func aBrokerFrozenMidBurstLosesNothingKeepsPerKeyOrderAndHoldsNoConnection() async throws {
        let logger = relayTestLogger()
        let prefix = "t\(UUID().uuidString.prefix(6).lowercased())."
        let topic = RelayNote.topic.name(prefix: prefix)
        let bootstrapFile = try TestEnvironment.scratchDirectory("relay-broker").appendingPathComponent("bootstrap")
        let broker = try ChildProcess(binary: "inkwell-devbroker", arguments: ["--bootstrap-file", bootstrapFile.path, "--topic", "\(topic):3"], name: "relay-broker")
        defer { Task { await broker.stop() } }
        let brokers = try await poll("the development broker's bootstrap file", timeout: .seconds(20)) {
            (try? String(contentsOf: bootstrapFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        }

        let url = try await outboxDatabase()
        // The relay's pool has ONE connection: if it held it while waiting for the broker, the
        // queries below would wait for the pool.
        let relayPool = try pool(url, size: 1)
        let writerPool = try pool(url, size: 2)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(brokers: brokers, clientId: "relay-outage", messageTimeout: .seconds(3)), logger: logger)
        let signal = WakeSignal()
        var relayConfiguration = OutboxRelay.Configuration()
        relayConfiguration.batchSize = 100
        relayConfiguration.leaseDuration = .seconds(10)
        relayConfiguration.maxBackoff = .milliseconds(500)
        let relay = OutboxRelay(postgres: relayPool, producer: producer, signal: signal, schema: "users", configuration: relayConfiguration, logger: logger)
        let units = UnitOfWorkRunner(postgres: writerPool, relaySignal: signal, topicPrefix: prefix)
        let keys = (0..<7).map { "key-\($0)" }

        try await withServices([relayPool, writerPool, producer, relay]) {
            var next: [String: Int] = [:]
            func write(_ count: Int) async throws {
                for start in stride(from: 0, to: count, by: 10) {
                    try await units.withUnitOfWork { tx in
                        for i in start..<min(start + 10, count) {
                            let key = keys[(i * 7919) % keys.count]
                            let n = next[key, default: 0]
                            next[key] = n + 1
                            try await tx.publish(RelayNote(k: key, n: n))
                        }
                    }
                }
            }
            try await write(400)
            broker.signal(SIGSTOP)
            try await write(600)

            // The outage is real: the relay's batch times out at the broker.
            try await pollUntil("the relay to record a failed publish", timeout: .seconds(30), interval: .milliseconds(100)) {
                try await count(writerPool, "SELECT count(*)::int8 AS n FROM outbox WHERE last_error IS NOT NULL AND sent_at IS NULL") > 0
            }
            // While it waits for the frozen broker, its one connection serves anyone.
            let clock = ContinuousClock()
            var samples: [Int] = []
            for _ in 0..<20 {
                let start = clock.now
                _ = try await relayPool.query("SELECT 1 AS one")
                #expect(clock.now - start < .seconds(3), "the relay's only connection was busy (held while the frozen broker times out, it would wait for the 10 s message timeout)")
                samples.append(relayPool.connectionCounts.inUse)
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(samples.filter { $0 == 0 }.count >= 18, "connections in use while the broker is frozen: \(samples)")
            #expect(try await count(writerPool, "SELECT count(*)::int8 AS n FROM outbox WHERE state = 'dead'") == 0, "an outage parks nothing")
            broker.signal(SIGCONT)

            try await pollUntil("the backlog to drain", timeout: .seconds(90), interval: .milliseconds(200)) {
                try await count(writerPool, "SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL") == 0
            }
            let notes = try await readNotes(brokers: brokers, topic: topic) { distinctIds($0) >= 1000 }
            #expect(distinctIds(notes) == 1000)
            let byKey = firstCopiesByKey(notes)
            for key in keys {
                #expect(byKey[key] == Array(0..<next[key, default: 0]), "order of \(key)")
            }
            // Duplicates are possible (a batch that timed out may have been written); the inbox drops them by id.
            logger.info("outage test", metadata: ["records": "\(notes.count)", "distinct": "\(distinctIds(notes))"])
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
