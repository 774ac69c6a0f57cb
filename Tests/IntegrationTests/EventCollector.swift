import Foundation
import InkwellKafka
import Logging
import TestSupport

/// Reads a topic from the beginning as an outside consumer would, until `done` holds for the
/// records so far or the deadline passed.
func collectRecords(brokers: String, topic: String, timeout: Duration = .seconds(60), until done: @escaping @Sendable ([KafkaMessage]) -> Bool) async throws -> [KafkaMessage] {
    let consumer = try KafkaConsumer(
        configuration: KafkaConsumerConfiguration(brokers: brokers, groupId: "test-\(UUID().uuidString.prefix(8))", topics: [topic], autoOffsetReset: .earliest),
        logger: Logger(label: "test.consumer")
    )
    return try await withThrowingTaskGroup(of: [KafkaMessage]?.self) { group in
        group.addTask { try await consumer.run(); return nil }
        group.addTask {
            var records: [KafkaMessage] = []
            for try await message in consumer.messages {
                records.append(message)
                if done(records) { break }
            }
            return records
        }
        group.addTask {
            // The deadline of the whole collection (it races the reader above), not a wait for a condition.
            try await Task.sleep(for: timeout)
            throw DeadlineExceeded(what: "the expected records on \(topic)", timeout: timeout)
        }
        defer { group.cancelAll() }
        while let result = try await group.next() {
            if let records = result { return records }
        }
        return []
    }
}

extension KafkaMessage {
    var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(value))) as? [String: Any]) ?? [:] }
    func headerString(_ key: String) -> String? { header(key).map { String(decoding: $0, as: UTF8.self) } }
    var keyString: String? { key.map { String(decoding: $0, as: UTF8.self) } }
}
