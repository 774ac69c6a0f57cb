internal import CRdKafka
import Logging

/// Owns a librdkafka mock cluster and the client handle hosting it; destroys both in `deinit`.
///
/// `@unchecked Sendable`: `pointer` is set once in `init` and used again only by `deinit`
/// (`rd_kafka_mock_cluster_destroy`); the mock cluster serves its brokers from its own thread.
final class MockCluster: @unchecked Sendable {
    /// Declared before `pointer`'s users: Swift releases stored properties after `deinit`'s body,
    /// so the host handle outlives the cluster, as librdkafka requires.
    private let host: KafkaClientHandle
    private let pointer: OpaquePointer
    let bootstrapServers: String

    init(brokerCount: Int, topics: [(name: String, partitions: Int)], logger: Logger) throws {
        // The host never connects anywhere; log_level 4 hides the notice that it has no bootstrap.servers.
        host = try KafkaClientHandle(type: RD_KAFKA_PRODUCER, properties: [("log_level", "4")], context: KafkaClientContext(logger: logger))
        guard brokerCount >= 1, let cluster = rd_kafka_mock_cluster_new(host.pointer, Int32(clamping: brokerCount)) else {
            throw KafkaError.developmentBrokerFailed(message: "rd_kafka_mock_cluster_new failed (brokers: \(brokerCount))")
        }
        for topic in topics {
            let error = rd_kafka_mock_topic_create(cluster, topic.name, Int32(clamping: topic.partitions), Int32(min(brokerCount, 3)))
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                rd_kafka_mock_cluster_destroy(cluster)
                throw KafkaError.developmentBrokerFailed(message: "creating topic \(topic.name): \(String(cString: rd_kafka_err2str(error)))")
            }
        }
        pointer = cluster
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    deinit {
        rd_kafka_mock_cluster_destroy(pointer)
    }
}
