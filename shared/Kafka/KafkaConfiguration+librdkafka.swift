// Translation of the Swift configurations into librdkafka properties. Order matters: defaults
// first, then the caller's `extra`, then the properties the module's guarantees depend on.

extension Duration {
    /// Whole milliseconds, at least 1 (librdkafka treats 0 as "infinite" for several timeouts).
    var kafkaMilliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

extension KafkaProducerConfiguration {
    var librdkafkaProperties: [(String, String)] {
        var properties: [(String, String)] = [
            ("bootstrap.servers", brokers),
            ("client.id", clientId),
            ("partitioner", "murmur2_random"),
            ("message.timeout.ms", String(messageTimeout.kafkaMilliseconds)),
        ]
        properties += extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        // The outbox relay relies on these: a successful send means "written to all in-sync
        // replicas exactly once, in order per partition".
        properties += [("enable.idempotence", "true"), ("acks", "all")]
        return properties
    }
}

extension KafkaConsumerConfiguration {
    var librdkafkaProperties: [(String, String)] {
        var properties: [(String, String)] = [
            ("bootstrap.servers", brokers),
            ("group.id", groupId),
            ("auto.offset.reset", autoOffsetReset.rawValue),
            // An all-partitions reader has no offsets to commit.
            ("enable.auto.commit", assignment == .group ? "true" : "false"),
            ("enable.partition.eof", "false"),
        ]
        properties += extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        // At-least-once: only offsets the application stored (after its effect committed) are
        // committed, never those of records merely handed out.
        properties += [("enable.auto.offset.store", "false")]
        return properties
    }
}
