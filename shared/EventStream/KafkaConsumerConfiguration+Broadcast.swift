import InkwellCore
import InkwellKafka

extension KafkaConsumerConfiguration {
    /// A configuration for a consumer that every replica runs on every partition (the gateway's
    /// cache invalidation): a group of its own (`<prefix>-<UUIDv7>`), starting at the end of the
    /// topics (a fresh replica has nothing cached to invalidate). Its offsets are never resumed
    /// by anyone; the broker expires the group after `offsets.retention.minutes`.
    /// For work shared among the replicas (page rendering) use one group id, e.g. `gateway`.
    public static func everyReplica(brokers: String, groupPrefix: String, topics: [String], extra: [String: String] = [:]) -> KafkaConsumerConfiguration {
        KafkaConsumerConfiguration(
            brokers: brokers,
            groupId: "\(groupPrefix)-\(UUIDv7.generate().uuidString.lowercased())",
            topics: topics,
            autoOffsetReset: .latest,
            extra: extra
        )
    }
}
