/// Errors of ``KafkaProducer``, ``KafkaConsumer`` and ``DevelopmentBroker``.
///
/// Where librdkafka reported the failure, the case carries its ``KafkaErrorCode`` (whose
/// ``KafkaErrorCode/name`` is librdkafka's name, e.g. `_MSG_TIMED_OUT`) and librdkafka's message.
public enum KafkaError: Error, Sendable, CustomStringConvertible {
    /// librdkafka rejected a configuration property or value.
    case invalidConfiguration(property: String, message: String)
    /// `rd_kafka_new` failed.
    case clientCreationFailed(message: String)
    /// The producer did not accept the record (e.g. `_QUEUE_FULL`, `MSG_SIZE_TOO_LARGE`, `_UNKNOWN_TOPIC`).
    /// Nothing was sent; retrying later is safe.
    case enqueueFailed(code: KafkaErrorCode, message: String)
    /// The record was not acknowledged by the broker: its delivery report carried an error, e.g.
    /// `_MSG_TIMED_OUT` after the message timeout, or `_PURGE_QUEUE` when the producer shut down.
    /// The record may or may not have been written; re-sending it is the caller's decision.
    case deliveryFailed(code: KafkaErrorCode, message: String)
    /// ``KafkaProducer/sendBatch(_:)`` did not enqueue the record because an earlier record of the
    /// batch with the same topic and key failed to enqueue (with `code`). Nothing was sent.
    case skippedAfterEarlierFailure(code: KafkaErrorCode)
    /// ``KafkaConsumer/storeOffset(_:)`` failed, e.g. `_STATE` when the partition is no longer assigned.
    case offsetStoreFailed(code: KafkaErrorCode, message: String)
    /// An offset commit failed.
    case commitFailed(code: KafkaErrorCode, message: String)
    /// Subscribing to the configured topics failed.
    case subscriptionFailed(code: KafkaErrorCode, message: String)
    /// An all-partitions consumer could not read the metadata, a watermark or assign (it tries
    /// again a second later).
    case assignmentFailed(code: KafkaErrorCode, message: String)
    /// librdkafka raised a fatal error for the client (the original code and reason).
    case fatal(code: KafkaErrorCode, message: String)
    /// The producer or consumer has shut down.
    case shutDown
    /// The development broker (librdkafka mock cluster) could not be started.
    case developmentBrokerFailed(message: String)

    /// The librdkafka error code, where there is one.
    public var code: KafkaErrorCode? {
        switch self {
        case .enqueueFailed(let code, _), .deliveryFailed(let code, _), .offsetStoreFailed(let code, _),
            .commitFailed(let code, _), .subscriptionFailed(let code, _), .assignmentFailed(let code, _), .fatal(let code, _):
            code
        case .skippedAfterEarlierFailure:
            nil
        case .invalidConfiguration, .clientCreationFailed, .shutDown, .developmentBrokerFailed:
            nil
        }
    }

    public var description: String {
        switch self {
        case .invalidConfiguration(let property, let message): "Kafka configuration \(property): \(message)"
        case .clientCreationFailed(let message): "Kafka client creation failed: \(message)"
        case .enqueueFailed(let code, let message): "Kafka produce rejected (\(code.name)): \(message)"
        case .deliveryFailed(let code, let message): "Kafka delivery failed (\(code.name)): \(message)"
        case .skippedAfterEarlierFailure(let code): "Kafka record not enqueued: an earlier record of its key failed (\(code.name))"
        case .offsetStoreFailed(let code, let message): "Kafka offset store failed (\(code.name)): \(message)"
        case .commitFailed(let code, let message): "Kafka commit failed (\(code.name)): \(message)"
        case .subscriptionFailed(let code, let message): "Kafka subscribe failed (\(code.name)): \(message)"
        case .assignmentFailed(let code, let message): "Kafka assignment failed (\(code.name)): \(message)"
        case .fatal(let code, let message): "Kafka fatal error (\(code.name)): \(message)"
        case .shutDown: "Kafka client has shut down"
        case .developmentBrokerFailed(let message): "development broker failed: \(message)"
        }
    }
}
