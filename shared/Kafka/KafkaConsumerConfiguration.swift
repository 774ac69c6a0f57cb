/// Configuration of a ``KafkaConsumer`` (a member of a consumer group).
public struct KafkaConsumerConfiguration: Sendable {
    /// Where a group without committed offset starts reading a partition (`auto.offset.reset`).
    public enum AutoOffsetReset: String, Sendable {
        case earliest
        case latest
    }

    /// `bootstrap.servers`: `host:port[,host:port...]`.
    public var brokers: String
    /// `group.id`: consumers with the same group id share the partitions and the committed offsets.
    public var groupId: String
    public var topics: [String]
    public var autoOffsetReset: AutoOffsetReset
    /// Further librdkafka properties (e.g. `client.id`, `auto.commit.interval.ms`, `session.timeout.ms`).
    /// They cannot switch on `enable.auto.offset.store`: offsets are stored only by ``KafkaConsumer/storeOffset(_:)``.
    public var extra: [String: String]

    public init(
        brokers: String,
        groupId: String,
        topics: [String],
        autoOffsetReset: AutoOffsetReset = .earliest,
        extra: [String: String] = [:]
    ) {
        self.brokers = brokers
        self.groupId = groupId
        self.topics = topics
        self.autoOffsetReset = autoOffsetReset
        self.extra = extra
    }
}
