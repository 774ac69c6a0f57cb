import Foundation
import InkwellKafka
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport

/// A consumer whose records are not read for several `max.poll.interval.ms` (its handler is
/// busy): the poll thread pauses the partitions and keeps polling, so the member is not evicted
/// and, once reading resumes, every record arrives once, in order.
@Suite struct PausedConsumerTests {
    @Test func aBusyHandlerDoesNotCostTheMembershipNorRecords() async throws {
        let logger = testLogger()
        let topic = uniqueName("busy")
        let broker = try DevelopmentBroker(topics: [(topic, 1)], logger: logger)
        let producer = try KafkaProducer(configuration: .init(brokers: broker.bootstrapServers, clientId: "test"), logger: logger)
        let total = 60
        for i in 0..<total { _ = try await producer.send(topic: topic, key: bytes("k"), value: bytes("\(i)")) }

        let errors = Errors()
        var consumerLogger = Logger(label: "busy") { _ in ErrorRecorder(errors: errors) }
        consumerLogger.logLevel = .warning
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                brokers: broker.bootstrapServers, groupId: uniqueName("group"), topics: [topic],
                extra: ["session.timeout.ms": "6000", "max.poll.interval.ms": "6000", "heartbeat.interval.ms": "500"]),
            logger: consumerLogger)
        var iterator = consumer.messages.makeAsyncIterator()
        let first = try #require(try await iterator.next())
        #expect(text(first.value) == "0")
        // Busy for three poll intervals with the prefetch full (6 s: with shorter intervals the
        // mock coordinator does not answer a JoinGroup within its timeout, interval + 3 s).
        let clock = ContinuousClock()
        let busyUntil = clock.now + .seconds(15)
        try await pollUntil("the busy period to end", timeout: .seconds(20), interval: .milliseconds(200)) { clock.now >= busyUntil }
        var received = [text(first.value)!]
        while received.count < total, let message = try await iterator.next() {
            received.append(text(message.value)!)
            try consumer.storeOffset(message)
        }
        #expect(received == (0..<total).map(String.init), "each record once, in order")
        #expect(errors.list.withLock { $0 }.allSatisfy { !$0.contains("MAX_POLL") }, "\(errors.list.withLock { $0 })")
        try await shutDown(consumer, producer)
        withExtendedLifetime(broker) {}
    }

    final class Errors: Sendable { let list = Mutex<[String]>([]) }

    /// Keeps the `kafka.error` of every warning.
    struct ErrorRecorder: LogHandler {
        let errors: Errors
        var logLevel: Logger.Level = .warning
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            let error = metadata?["kafka.error"].map { "\($0)" } ?? "\(message)"
            errors.list.withLock { $0.append(error) }
        }
    }
}
