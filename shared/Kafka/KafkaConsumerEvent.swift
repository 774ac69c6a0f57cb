/// What a ``KafkaConsumer`` tells its owner besides records (called on the consumer's poll
/// thread: keep the handler short and non-blocking).
public enum KafkaConsumerEvent: Sendable, Equatable {
    /// ``KafkaConsumerAssignment/allPartitions(refreshInterval:)``: these partitions were added
    /// to the assignment, each at a concrete offset, so every record written to them from now on
    /// will be delivered. The first look at the metadata always reports (an empty list when none
    /// of the topics exists yet: they will be read from their beginning once they do).
    case assigned([KafkaTopicPartition])
    /// A transient consumer error (broker down, unknown topic); librdkafka carries on, but
    /// records may arrive late.
    case error(code: KafkaErrorCode, message: String)
}
