import Foundation
import InkwellKafka
import Logging
import Synchronization

/// Logger for the tests: warnings and above, unless KAFKA_TEST_LOG_LEVEL says otherwise.
func testLogger(_ label: String = "kafka-tests") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["KAFKA_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    return logger
}

/// A name no other test uses, so tests can share nothing by accident.
func uniqueName(_ base: String) -> String { "\(base)-\(UUID().uuidString.prefix(8).lowercased())" }

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
func text(_ bytes: [UInt8]?) -> String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

/// Reads a consumer's messages in the background and collects them; `storeOffset` decides per
/// message whether to store its offset (the test's "handler committed its effect").
final class MessageCollector: Sendable {
    private final class Received: Sendable { let list = Mutex<[KafkaMessage]>([]) }
    private let received = Received()
    private let task: Task<Void, any Error>

    init(_ consumer: KafkaConsumer, storeOffset: @escaping @Sendable (KafkaMessage, _ index: Int) -> Bool = { _, _ in true }) {
        let received = received
        task = Task {
            var index = 0
            for try await message in consumer.messages {
                if storeOffset(message, index) { try consumer.storeOffset(message) }
                received.list.withLock { $0.append(message) }
                index += 1
            }
        }
    }

    var messages: [KafkaMessage] { received.list.withLock { $0 } }
    var count: Int { received.list.withLock { $0.count } }

    /// Waits until the messages sequence has ended (the consumer shut down) and rethrows its error.
    func finished() async throws { try await task.value }

    deinit { task.cancel() }
}

/// Kafka's (Java client's) default partitioner for keyed records: murmur2 of the key bytes,
/// made positive, modulo the partition count. librdkafka's `murmur2_random` must agree.
func javaPartition(for key: [UInt8], partitions: Int32) -> Int32 {
    let seed: UInt32 = 0x9747_b28c
    let m: UInt32 = 0x5bd1_e995
    let r: UInt32 = 24
    let length = key.count
    var h: UInt32 = seed ^ UInt32(length)
    for i in 0..<(length / 4) {
        var k = UInt32(key[4 * i]) | UInt32(key[4 * i + 1]) << 8 | UInt32(key[4 * i + 2]) << 16 | UInt32(key[4 * i + 3]) << 24
        k = k &* m
        k ^= k >> r
        k = k &* m
        h = h &* m
        h ^= k
    }
    let tail = length & ~3
    switch length % 4 {
    case 3:
        h ^= UInt32(key[tail + 2]) << 16
        h ^= UInt32(key[tail + 1]) << 8
        h ^= UInt32(key[tail])
        h = h &* m
    case 2:
        h ^= UInt32(key[tail + 1]) << 8
        h ^= UInt32(key[tail])
        h = h &* m
    case 1:
        h ^= UInt32(key[tail])
        h = h &* m
    default: break
    }
    h ^= h >> 13
    h = h &* m
    h ^= h >> 15
    return Int32((h & 0x7fff_ffff) % UInt32(partitions))
}

/// Shuts services down the way a cancelled ServiceGroup would (run, then cancel), so that
/// clients are gone before the broker they talk to.
func shutDown(_ services: any Sendable...) async throws {
    for service in services {
        let task: Task<Void, any Error>
        switch service {
        case let consumer as KafkaConsumer: task = Task { try await consumer.run() }
        case let producer as KafkaProducer: task = Task { try await producer.run() }
        default: continue
        }
        task.cancel()
        try await task.value
    }
}
