import Foundation
@testable import InkwellKafka
import Testing
import TestSupport

/// After a librdkafka fatal error the producer recreates its handle and keeps delivering.
@Suite struct ProducerFatalErrorTests {
    @Test func producerRecoversFromFatalError() async throws {
        let logger = testLogger()
        let broker = try DevelopmentBroker(topics: [("t", 1)], logger: logger)
        let producer = try KafkaProducer(configuration: .init(brokers: broker.bootstrapServers, clientId: "fatal-test"), logger: logger)
        _ = try await producer.send(topic: "t", key: bytes("k"), value: bytes("before"))
        producer.triggerFatalErrorForTesting()
        // Records sent around the fatal error may fail (typed); a fresh handle then delivers.
        _ = try await poll("a send to succeed on the recreated handle", timeout: .seconds(20), interval: .milliseconds(100)) {
            try await producer.send(topic: "t", key: bytes("k"), value: bytes("after"))
        }
        _ = try await producer.send(topic: "t", key: bytes("k"), value: bytes("after again"))
        try await shutDown(producer)
        withExtendedLifetime(broker) {}
    }
}
