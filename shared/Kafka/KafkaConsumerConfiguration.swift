/// Configuration of a ``KafkaConsumer`` (a member of a consumer group, or a reader of every
/// partition: ``assignment``).
public struct KafkaConsumerConfiguration: Sendable {
    /// Where a group without committed offset starts reading a partition (`auto.offset.reset`).
    public enum AutoOffsetReset: String, Sendable {
        case earliest
        case latest
    }

    /// `bootstrap.servers`: `host:port[,host:port...]`.
    public var brokers: String
    /// `group.id`: consumers with the same group id share the partitions and the committed offsets
    /// (with ``KafkaConsumerAssignment/allPartitions(refreshInterval:)`` it only names the client:
    /// it never joins the group nor commits).
    public var groupId: String
    public var topics: [String]
    public var autoOffsetReset: AutoOffsetReset
    /// A group member (the default) or a reader of every partition on its own.
    public var assignment: KafkaConsumerAssignment
    /// Further librdkafka properties (e.g. `client.id`, `auto.commit.interval.ms`, `session.timeout.ms`).
    /// They cannot switch on `enable.auto.offset.store`: offsets are stored only by ``KafkaConsumer/storeOffset(_:)``.
    public var extra: [String: String]

    public init(
        brokers: String,
        groupId: String,
        topics: [String],
        autoOffsetReset: AutoOffsetReset = .earliest,
        assignment: KafkaConsumerAssignment = .group,
        extra: [String: String] = [:]
    ) {
        self.brokers = brokers
        self.groupId = groupId
        self.topics = topics
        self.autoOffsetReset = autoOffsetReset
        self.assignment = assignment
        self.extra = extra
    }
}
