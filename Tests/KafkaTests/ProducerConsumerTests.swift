import Foundation
import InkwellKafka
import ServiceLifecycle
import Testing
import TestSupport

/// Producer → consumer through an in-process ``DevelopmentBroker``.
@Suite struct ProducerConsumerTests {
    let logger = testLogger()

    @Test func keyValueAndHeadersRoundTrip() async throws {
        let topic = uniqueName("roundtrip")
        let broker = try DevelopmentBroker(topics: [(topic, 3)], logger: logger)
        let producer = try KafkaProducer(configuration: .init(brokers: broker.bootstrapServers, clientId: "test"), logger: logger)
        let headers = [
            KafkaHeader(key: "content-type", string: "application/json"),
            KafkaHeader(key: "ce_type", string: "inkwell.user.registered.v1"),
            KafkaHeader(key: "traceparent", string: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
            KafkaHeader(key: "binary", value: [0, 255, 1]),
        ]
        let before = Date()
        let (partition, offset) = try await producer.send(topic: topic, key: bytes("user-42"), value: bytes(#"{"id":42}"#), headers: headers)
        #expect(partition == javaPartition(for: bytes("user-42"), partitions: 3))
        #expect(offset == 0)
        let unkeyed = try await producer.send(topic: topic, key: nil, value: bytes("no key"))

        let consumer = try KafkaConsumer(configuration: .init(brokers: broker.bootstrapServers, groupId: uniqueName("g"), topics: [topic]), logger: logger)
        let collector = MessageCollector(consumer)
        try await pollUntil("2 messages", timeout: .seconds(30)) { collector.count >= 2 }

        let keyed = try #require(collector.messages.first { $0.key != nil })
        #expect(keyed.topic == topic)
        #expect(keyed.partition == partition)
        #expect(keyed.offset == offset)
        #expect(text(keyed.key) == "user-42")
        #expect(text(keyed.value) == #"{"id":42}"#)
        #expect(keyed.headers == headers)
        #expect(text(keyed.header("ce_type")) == "inkwell.user.registered.v1")
        #expect(keyed.header("missing") == nil)
        let timestamp = try #require(keyed.timestamp)
        #expect(abs(timestamp.timeIntervalSince(before)) < 60)

        let plain = try #require(collector.messages.first { $0.key == nil })
        #expect(plain.partition == unkeyed.partition)
        #expect(text(plain.value) == "no key")
        #expect(plain.headers.isEmpty)

        // Service shutdown: cancellation also closes the consumer and ends `messages`.
        try await shutDown(consumer, producer)
        try await collector.finished()
        withExtendedLifetime(broker) {}
    }

    @Test func perKeyOrderAcrossPartitions() async throws {
        let topic = uniqueName("order")
        let broker = try DevelopmentBroker(topics: [(topic, 3)], logger: logger)
        let producer = try KafkaProducer(configuration: .init(brokers: broker.bootstrapServers, clientId: "test"), logger: logger)
        let keys = (0..<10).map { "author-\($0)" }
        // 200 records: each key's 20 records are sent in sequence, the keys concurrently.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for key in keys {
                group.addTask {
                    for sequence in 0..<20 {
                        let (partition, _) = try await producer.send(topic: topic, key: bytes(key), value: bytes("\(key)#\(sequence)"))
                        #expect(partition == javaPartition(for: bytes(key), partitions: 3), "murmur2 partition of \(key)")
                    }
                }
            }
            try await group.waitForAll()
        }

        let consumer = try KafkaConsumer(configuration: .init(brokers: broker.bootstrapServers, groupId: uniqueName("g"), topics: [topic]), logger: logger)
        let collector = MessageCollector(consumer)
        try await pollUntil("200 messages", timeout: .seconds(30)) { collector.count >= 200 }

        let messages = collector.messages
        #expect(messages.count == 200)
        #expect(Set(messages.map(\.partition)) == [0, 1, 2], "the keys spread over all partitions")
        for key in keys {
            let values = messages.filter { text($0.key) == key }.map { text($0.value)! }
            #expect(values == (0..<20).map { "\(key)#\($0)" }, "order of \(key)")
        }
        for partition in Int32(0)..<3 {
            let offsets = messages.filter { $0.partition == partition }.map(\.offset)
            #expect(offsets == offsets.sorted())
        }
        try await shutDown(consumer, producer)
        withExtendedLifetime(broker) {}
    }

    /// A consumer that stored offsets for the first N records is shut down gracefully; a new
    /// consumer with the same group id gets exactly the others: nothing processed twice, nothing lost.
    @Test func restartedGroupMemberResumesAfterStoredOffsets() async throws {
        let topic = uniqueName("resume")
        let group = uniqueName("group")
        let broker = try DevelopmentBroker(topics: [(topic, 3)], logger: logger)
        let producer = try KafkaProducer(configuration: .init(brokers: broker.bootstrapServers, clientId: "test"), logger: logger)
        let total = 60
        let processedCount = 25
        for i in 0..<total {
            _ = try await producer.send(topic: topic, key: bytes("k\(i % 7)"), value: bytes("\(i)"))
        }
        // The mock coordinator, unlike Apache Kafka, lets a group whose last member left wait
        // (session timeout - 1 s) before it admits a new member: keep the session timeout short.
        let configuration = KafkaConsumerConfiguration(
            brokers: broker.bootstrapServers, groupId: group, topics: [topic],
            extra: ["session.timeout.ms": "6000", "heartbeat.interval.ms": "500"])

        // First member: handles (stores the offsets of) only the first `processedCount` records it gets.
        let first = try KafkaConsumer(configuration: configuration, logger: logger)
        let firstCollector = MessageCollector(first) { _, index in index < processedCount }
        let serviceGroup = ServiceGroup(configuration: .init(services: [first], logger: logger))
        let running = Task { try await serviceGroup.run() }
        try await pollUntil("first member to receive \(processedCount) records", timeout: .seconds(30)) { firstCollector.count >= processedCount }
        let processed = Set(firstCollector.messages.prefix(processedCount).map { text($0.value)! })
        await serviceGroup.triggerGracefulShutdown()
        try await running.value
        try await firstCollector.finished()  // messages ended with the shutdown

        // Second member, same group: resumes after the committed offsets.
        let second = try KafkaConsumer(configuration: configuration, logger: logger)
        let secondCollector = MessageCollector(second)
        try await pollUntil("second member to receive the rest", timeout: .seconds(30)) {
            secondCollector.count >= total - processedCount
        }
        let rest = secondCollector.messages.map { text($0.value)! }
        #expect(rest.count == total - processedCount)
        #expect(processed.isDisjoint(with: rest), "no processed record is delivered again")
        #expect(processed.union(rest) == Set((0..<total).map(String.init)), "no record is lost")

        // An explicit commit of what the second member stored succeeds too.
        try await second.commit()
        try await shutDown(second, producer)
        withExtendedLifetime(broker) {}
    }

    @Test func sendAfterShutdownFailsAndRunReturns() async throws {
        let broker = try DevelopmentBroker(topics: [("t", 1)], logger: logger)
        let producer = try KafkaProducer(configuration: .init(brokers: broker.bootstrapServers, clientId: "test"), logger: logger)
        #expect(await producer.isReachable())
        _ = try await producer.send(topic: "t", key: nil, value: bytes("before run"))
        let serviceGroup = ServiceGroup(configuration: .init(services: [producer], logger: logger))
        let running = Task { try await serviceGroup.run() }
        _ = try await producer.send(topic: "t", key: nil, value: bytes("while running"))
        await serviceGroup.triggerGracefulShutdown()
        try await running.value
        await #expect(throws: KafkaError.self) {
            _ = try await producer.send(topic: "t", key: nil, value: bytes("after run"))
        }
        #expect(await producer.isReachable() == false)
        withExtendedLifetime(broker) {}
    }

    @Test func storeOffsetOfUnassignedPartitionThrows() async throws {
        let broker = try DevelopmentBroker(topics: [("t", 1)], logger: logger)
        let consumer = try KafkaConsumer(configuration: .init(brokers: broker.bootstrapServers, groupId: uniqueName("g"), topics: ["t"]), logger: logger)
        let stranger = KafkaMessage(topic: "other", partition: 0, offset: 5, key: nil, value: [])
        #expect(throws: KafkaError.self) { try consumer.storeOffset(stranger) }
        try await shutDown(consumer)
        withExtendedLifetime(broker) {}
    }

    @Test func invalidConfigurationIsReported() throws {
        #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: .init(brokers: "127.0.0.1:1", clientId: "x", extra: ["no.such.property": "1"]), logger: logger)
        }
    }
}
