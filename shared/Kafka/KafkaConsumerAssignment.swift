/// How a ``KafkaConsumer`` gets its partitions.
public enum KafkaConsumerAssignment: Sendable, Equatable {
    /// A member of the consumer group `groupId`: the group shares the partitions and the
    /// committed offsets (at-least-once, ``KafkaConsumer/storeOffset(_:)``).
    case group
    /// Every partition of every configured topic, found in the broker's metadata, read by this
    /// consumer alone from the end as it was when the consumer found the partition (a topic or
    /// partition that appears later is read from its beginning: all of it is newer). No group
    /// coordination and no committed offsets: every process sees every record published after
    /// it started (e.g. to invalidate a cache of its own). The metadata is looked at again every
    /// `refreshInterval` (every second while a configured topic is still missing).
    case allPartitions(refreshInterval: Duration = .seconds(30))
}
