import Foundation
import InkwellKafka
import Testing
import TestSupport

/// Behaviour of the in-process ``DevelopmentBroker`` (librdkafka mock cluster) that users of
/// it rely on or must know about.
@Suite struct DevelopmentBrokerTests {
    let logger = testLogger()

    @Test func reportsOneBootstrapAddressPerBroker() throws {
        let broker = try DevelopmentBroker(brokerCount: 3, logger: logger)
        let servers = broker.bootstrapServers.split(separator: ",")
        #expect(servers.count == 3)
        #expect(servers.allSatisfy { $0.hasPrefix("127.0.0.1:") })
    }

    /// The mock cluster creates unknown topics on first produce, with 4 partitions (its default),
    /// so services should rely on the topics created up front (`--topic`, or the defaults).
    @Test func unknownTopicIsAutoCreatedOnProduceWithFourPartitions() async throws {
        let broker = try DevelopmentBroker(logger: logger)
        let producer = try KafkaProducer(configuration: .init(brokers: broker.bootstrapServers, clientId: "test", messageTimeout: .seconds(10)), logger: logger)
        let topic = uniqueName("auto")
        var partitions: Set<Int32> = []
        for i in 0..<20 {
            partitions.insert(try await producer.send(topic: topic, key: bytes("k\(i)"), value: bytes("x")).partition)
        }
        #expect(partitions.isSubset(of: [0, 1, 2, 3]))
        #expect(partitions.contains(3))
        try await shutDown(producer)
        withExtendedLifetime(broker) {}
    }
}
