import Foundation
import InkwellKafka
import Testing
import TestSupport

/// The built `inkwell-devbroker` executable as a real process.
@Suite struct DevelopmentBrokerProcessTests {
    let logger = testLogger()

    /// Starts `inkwell-devbroker` and waits for its bootstrap file; returns the process and the list.
    static func startBroker(_ arguments: [String] = [], environment: [String: String] = [:]) async throws -> (ChildProcess, String) {
        let file = try TestEnvironment.scratchDirectory("devbroker").appendingPathComponent("bootstrap")
        let process = try ChildProcess(binary: "inkwell-devbroker", arguments: ["--bootstrap-file", file.path] + arguments, environment: environment)
        let contents = try await poll("inkwell-devbroker bootstrap file", timeout: .seconds(20)) {
            try? String(contentsOf: file, encoding: .utf8)
        }
        return (process, contents)
    }

    @Test func writesBootstrapFileAndExitsZeroOnSIGTERM() async throws {
        let prefix = "pfx\(UUID().uuidString.prefix(4).lowercased())-"
        let (process, contents) = try await Self.startBroker(["--brokers", "2"], environment: ["KAFKA_TOPIC_PREFIX": prefix])
        #expect(contents.hasSuffix("\n"))
        let servers = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(servers.split(separator: ",").count == 2)
        #expect(servers.split(separator: ",").allSatisfy { $0.hasPrefix("127.0.0.1:") })
        try await pollUntil("the banner line") {
            process.output().contains("inkwell-devbroker: Kafka-protocol development broker (librdkafka mock cluster, not Apache Kafka) at \(servers)")
        }

        // The default topics exist with the prefix and 3 partitions: murmur2 spreads keys over all of them.
        let producer = try KafkaProducer(configuration: .init(brokers: servers, clientId: "test"), logger: logger)
        var partitions: Set<Int32> = []
        for i in 0..<12 {
            let key = bytes("key-\(i)")
            let (partition, _) = try await producer.send(topic: prefix + "users.events", key: key, value: bytes("v"))
            #expect(partition == javaPartition(for: key, partitions: 3))
            partitions.insert(partition)
        }
        #expect(partitions == [0, 1, 2])
        try await shutDown(producer)

        process.signal(SIGTERM)
        #expect(try await process.waitForExit(timeout: .seconds(15)) == 0)
    }

    @Test func helpSaysItIsNotApacheKafka() async throws {
        let process = try ChildProcess(binary: "inkwell-devbroker", arguments: ["--help"])
        #expect(try await process.waitForExit() == 0)
        #expect(process.output().contains("NOT Apache"))
    }

    /// With the broker process frozen (SIGSTOP), `send` fails with a typed timeout error within
    /// the message timeout; after SIGCONT the same producer delivers again, including the
    /// record that failed.
    @Test func sendFailsDuringOutageAndRecoversAfterwards() async throws {
        let topic = "outage"
        let (process, contents) = try await Self.startBroker(["--topic", "\(topic):1"])
        let servers = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        let messageTimeout = Duration.seconds(3)
        let producer = try KafkaProducer(
            configuration: .init(brokers: servers, clientId: "outage-test", messageTimeout: messageTimeout), logger: logger)
        _ = try await producer.send(topic: topic, key: bytes("k"), value: bytes("before"))
        #expect(await producer.isReachable())

        process.signal(SIGSTOP)
        let clock = ContinuousClock()
        let start = clock.now
        // Several records in flight and queued at once: each fails on its own.
        let outcomes = await withTaskGroup(of: (Int, Result<Void, KafkaError>).self) { group in
            for i in 0..<5 {
                group.addTask {
                    do {
                        _ = try await producer.send(topic: topic, key: bytes("k"), value: bytes("during-\(i)"))
                        return (i, .success(()))
                    } catch let error as KafkaError {
                        return (i, .failure(error))
                    } catch {
                        return (i, .failure(.shutDown))
                    }
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        let elapsed = clock.now - start
        for (i, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
            guard case .failure(let error) = outcome else {
                Issue.record("send \(i) succeeded while the broker was stopped")
                continue
            }
            #expect(error.code == .messageTimedOut, "send \(i): \(error)")
        }
        // Generous: the point is that it fails within about the message timeout, not after a hang (CI is loaded).
        #expect(elapsed < messageTimeout + .seconds(6), "failed after \(elapsed)")
        #expect(await producer.isReachable(timeout: .milliseconds(500)) == false)

        process.signal(SIGCONT)
        // The first sends after the broker comes back may still fail while librdkafka
        // reconnects and re-acquires a producer id; a fresh send must succeed soon.
        _ = try await poll("a send to succeed after SIGCONT", timeout: .seconds(30), interval: .milliseconds(200)) {
            try await producer.send(topic: topic, key: bytes("k"), value: bytes("after"))
        }
        for i in 0..<5 {  // the outbox relay re-sends the failed records, in order
            _ = try await producer.send(topic: topic, key: bytes("k"), value: bytes("during-\(i)"))
        }
        #expect(await producer.isReachable())

        let consumer = try KafkaConsumer(configuration: .init(brokers: servers, groupId: uniqueName("g"), topics: [topic]), logger: logger)
        let collector = MessageCollector(consumer)
        // The broker may have written the first "during-4" while frozen; wait for the re-sent one, after "after".
        try await pollUntil("the re-sent records", timeout: .seconds(30)) {
            let values = collector.messages.map { text($0.value) }
            guard let resumed = values.lastIndex(of: "after") else { return false }
            return values[resumed...].contains("during-4")
        }
        let values = collector.messages.map { text($0.value)! }
        #expect(values.first == "before")
        // Whatever the broker may have written during the outage, the re-sent records follow in order.
        #expect(Array(values.suffix(5)) == (0..<5).map { "during-\($0)" }, "\(values)")

        try await shutDown(consumer, producer)
        await process.stop()
        #expect(process.exitCode == 0)
    }
}
