internal import CRdKafka

/// A librdkafka error code (`rd_kafka_resp_err_t`): negative values are local (client-side)
/// errors such as `_MSG_TIMED_OUT`, positive ones are Kafka protocol errors from the broker.
public struct KafkaErrorCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    init(_ code: rd_kafka_resp_err_t) { self.init(rawValue: code.rawValue) }

    /// librdkafka's name for the code, e.g. `_MSG_TIMED_OUT` or `UNKNOWN_TOPIC_OR_PART`.
    public var name: String { String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue: rawValue))) }

    /// librdkafka's human-readable text for the code.
    public var text: String { String(cString: rd_kafka_err2str(rd_kafka_resp_err_t(rawValue: rawValue))) }

    public var description: String { name }

    /// The record was not acknowledged within `message.timeout.ms`.
    public static let messageTimedOut = KafkaErrorCode(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)
    /// A local operation (metadata, commit) timed out.
    public static let timedOut = KafkaErrorCode(RD_KAFKA_RESP_ERR__TIMED_OUT)
    /// The local produce queue is full (`queue.buffering.max.messages`/`kbytes`).
    public static let queueFull = KafkaErrorCode(RD_KAFKA_RESP_ERR__QUEUE_FULL)
    /// The record was still queued when the producer shut down.
    public static let purgedFromQueue = KafkaErrorCode(RD_KAFKA_RESP_ERR__PURGE_QUEUE)
    /// The record was in flight when the producer shut down; it may or may not have been written.
    public static let purgedInFlight = KafkaErrorCode(RD_KAFKA_RESP_ERR__PURGE_INFLIGHT)
    /// The client raised a fatal error; see the accompanying message.
    public static let fatal = KafkaErrorCode(RD_KAFKA_RESP_ERR__FATAL)
    /// The operation is not valid in the client's current state (e.g. storing an offset of an unassigned partition).
    public static let invalidState = KafkaErrorCode(RD_KAFKA_RESP_ERR__STATE)
    /// There were no stored offsets to commit.
    public static let noOffset = KafkaErrorCode(RD_KAFKA_RESP_ERR__NO_OFFSET)
    /// The broker does not know the topic or partition.
    public static let unknownTopicOrPartition = KafkaErrorCode(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
    /// The record is larger than `message.max.bytes` (of the producer or the broker).
    public static let messageSizeTooLarge = KafkaErrorCode(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
    /// A batch of records is larger than the broker accepts.
    public static let recordListTooLarge = KafkaErrorCode(RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE)
    /// The topic name is not valid.
    public static let invalidTopic = KafkaErrorCode(RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION)
    /// The broker found the record corrupt or otherwise invalid.
    public static let invalidRecord = KafkaErrorCode(RD_KAFKA_RESP_ERR_INVALID_RECORD)
    /// The broker found the record's CRC wrong.
    public static let corruptMessage = KafkaErrorCode(RD_KAFKA_RESP_ERR_INVALID_MSG)
    /// librdkafka rejected an argument (e.g. an invalid topic name).
    public static let invalidArgument = KafkaErrorCode(RD_KAFKA_RESP_ERR__INVALID_ARG)
}
