import Foundation
import InkwellKafka
import Synchronization
import Testing
import TestSupport

/// ``KafkaConsumerAssignment/allPartitions(refreshInterval:)``: a reader of every partition on
/// its own, from the end, against the development broker.
@Suite struct AllPartitionsConsumerTests {
    let logger = testLogger()

    /// A key of each partition of a topic with `count` partitions (Kafka's default partitioner).
    func keysByPartition(_ count: Int32) -> [Int32: String] {
        var keys: [Int32: String] = [:]
        var i = 0
        while keys.count < count {
            let key = "k\(i)"
            let partition = javaPartition(for: bytes(key), partitions: count)
            if keys[partition] == nil { keys[partition] = key }
            i += 1
        }
        return keys
    }

    @Test func readsEveryPartitionFromTheEnd() async throws {
        let wide = uniqueName("wide")
        let narrow = uniqueName("narrow")
        let broker = try DevelopmentBroker(topics: [(wide, 4), (narrow, 2)], logger: logger)
        let producer = try KafkaProducer(configuration: .init(brokers: broker.bootstrapServers, clientId: "test"), logger: logger)
        let topics: [(String, Int32)] = [(wide, 4), (narrow, 2)]
        for (topic, count) in topics {
            for (_, key) in keysByPartition(count) { _ = try await producer.send(topic: topic, key: bytes(key), value: bytes("before")) }
        }

        let events = Mutex<[KafkaConsumerEvent]>([])
        // Two readers with the same group id: neither shares with the other, each reads everything.
        let configuration = KafkaConsumerConfiguration(brokers: broker.bootstrapServers, groupId: "same", topics: [wide, narrow], assignment: .allPartitions())
        let first = try KafkaConsumer(configuration: configuration, logger: logger) { event in events.withLock { $0.append(event) } }
        let second = try KafkaConsumer(configuration: configuration, logger: logger)
        let firstMessages = MessageCollector(first, storeOffset: { _, _ in false })
        let secondMessages = MessageCollector(second, storeOffset: { _, _ in false })
        try await pollUntil("every partition assigned", timeout: .seconds(30)) { first.assignment.count == 6 && second.assignment.count == 6 }
        var expected: Set<KafkaTopicPartition> = []
        for (topic, count) in topics { for p in 0..<count { expected.insert(KafkaTopicPartition(topic: topic, partition: p)) } }
        #expect(first.assignment == expected)
        let assigned = events.withLock { $0 }.flatMap { event -> [KafkaTopicPartition] in
            if case .assigned(let partitions) = event { partitions } else { [] }
        }
        #expect(Set(assigned) == expected)

        for (topic, count) in topics {
            for (_, key) in keysByPartition(count) { _ = try await producer.send(topic: topic, key: bytes(key), value: bytes("after")) }
        }
        for collector in [firstMessages, secondMessages] {
            try await pollUntil("6 records", timeout: .seconds(30)) { collector.count >= 6 }
            let messages = collector.messages
            #expect(messages.allSatisfy { text($0.value) == "after" }, "nothing from before the reader started")
            #expect(Set(messages.map { KafkaTopicPartition(topic: $0.topic, partition: $0.partition) }) == expected)
        }
        // Storing an offset means nothing without a group, and the readers shut down cleanly.
        try await shutDown(first, second, producer)
        try await firstMessages.finished()
        #expect(firstMessages.count == 6)
        withExtendedLifetime(broker) {}
    }

    @Test func topicCreatedLaterIsReadFromItsBeginning() async throws {
        let late = uniqueName("late")
        let present = uniqueName("present")
        let broker = try DevelopmentBroker(topics: [(present, 1)], logger: logger)
        let consumer = try KafkaConsumer(
            configuration: .init(brokers: broker.bootstrapServers, groupId: "g", topics: [present, late], assignment: .allPartitions()), logger: logger)
        let collector = MessageCollector(consumer, storeOffset: { _, _ in false })
        let producer = try KafkaProducer(configuration: .init(brokers: broker.bootstrapServers, clientId: "test"), logger: logger)
        // The present topic assigned: the reader has looked once, without the late topic, which
        // the mock cluster creates at the first record sent to it.
        try await pollUntil("the present topic assigned", timeout: .seconds(30)) { !consumer.assignment.isEmpty }
        _ = try await producer.send(topic: late, key: bytes("a"), value: bytes("first"))
        try await pollUntil("the first record of the new topic", timeout: .seconds(30)) { collector.count >= 1 }
        #expect(text(collector.messages.first?.value) == "first")
        #expect(consumer.assignment.contains(KafkaTopicPartition(topic: late, partition: 0)))
        try await shutDown(consumer, producer)
        withExtendedLifetime(broker) {}
    }

    @Test func unreachableBrokerIsReportedAndNothingIsAssigned() async throws {
        let events = Mutex<[KafkaConsumerEvent]>([])
        let consumer = try KafkaConsumer(
            configuration: .init(brokers: "127.0.0.1:1", groupId: "g", topics: ["t"], assignment: .allPartitions(), extra: ["socket.connection.setup.timeout.ms": "1000"]),
            logger: logger
        ) { event in events.withLock { $0.append(event) } }
        try await pollUntil("an error reported", timeout: .seconds(30)) {
            events.withLock { $0.contains { if case .error = $0 { true } else { false } } }
        }
        #expect(consumer.assignment.isEmpty)
        try await shutDown(consumer)
    }
}
