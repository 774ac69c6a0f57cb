import Logging

/// A Kafka-protocol broker for development and tests: librdkafka's mock cluster, in this
/// process, on loopback. It is not Apache Kafka (no persistence, no ACLs, simplified group
/// coordination), but any Kafka client in any process can produce to and consume from it,
/// including consumer groups with committed offsets. It stops when the object goes away.
public final class DevelopmentBroker: Sendable {
    private let cluster: MockCluster

    /// Starts `brokerCount` brokers and creates `topics` (replication factor `min(brokers, 3)`).
    public init(brokerCount: Int = 1, topics: [(name: String, partitions: Int)] = [], logger: Logger) throws {
        cluster = try MockCluster(brokerCount: brokerCount, topics: topics, logger: logger)
    }

    /// `host:port,...` of the brokers, for `bootstrap.servers`.
    public var bootstrapServers: String { cluster.bootstrapServers }
}
