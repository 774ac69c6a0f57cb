internal import CRdKafka
import Dispatch
import Logging

/// The poll thread's bookkeeping for ``KafkaConsumerAssignment/allPartitions(refreshInterval:)``:
/// which partitions of the configured topics are assigned, and when to look at the broker's
/// metadata again. Used by the poll thread only (not `Sendable`).
struct PartitionDiscovery {
    let topics: Set<String>
    let refreshInterval: Duration
    /// Every partition assigned so far (partitions never go away in Kafka).
    private(set) var assigned: Set<KafkaTopicPartition> = []
    /// Topics seen in the metadata at least once (while one is missing, look again every second).
    private var seenTopics: Set<String> = []
    private var hasLooked = false
    private var nextLook = DispatchTime.now()

    init(topics: [String], refreshInterval: Duration) {
        self.topics = Set(topics)
        self.refreshInterval = refreshInterval
    }

    /// Looks at the metadata when it is time to, and assigns the partitions not assigned yet
    /// (`rd_kafka_incremental_assign`) at concrete offsets: the high watermark for partitions
    /// of topics there at the first look, the beginning for those that appeared since.
    /// Returns the partitions added, empty after a first look that found none of the topics,
    /// nil when there is nothing to report; or throws the failure.
    mutating func refreshIfDue(_ handle: KafkaClientHandle) throws(KafkaError) -> [KafkaTopicPartition]? {
        guard DispatchTime.now() >= nextLook else { return nil }
        let everyTopicSeen = seenTopics == topics
        let wait = everyTopicSeen ? refreshInterval : min(refreshInterval, .seconds(1))
        nextLook = DispatchTime.now() + .milliseconds(wait.kafkaMilliseconds)

        var metadata: UnsafePointer<rd_kafka_metadata>?
        // All topics: asking for named topics would create them on a broker that auto-creates.
        let error = rd_kafka_metadata(handle.pointer, 1, nil, &metadata, 5000)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            // Try again soon rather than after a long interval.
            nextLook = DispatchTime.now() + .seconds(1)
            throw .assignmentFailed(code: KafkaErrorCode(error), message: "metadata: \(String(cString: rd_kafka_err2str(error)))")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        var found: [(KafkaTopicPartition, fromEnd: Bool)] = []
        for t in 0..<Int(metadata.pointee.topic_cnt) {
            let topic = metadata.pointee.topics[t]
            let name = String(cString: topic.topic)
            guard topics.contains(name), topic.err == RD_KAFKA_RESP_ERR_NO_ERROR, topic.partition_cnt > 0 else { continue }
            seenTopics.insert(name)
            for p in 0..<Int(topic.partition_cnt) {
                let partition = KafkaTopicPartition(topic: name, partition: topic.partitions[p].id)
                // Found at the first look: from its end. Found later (a topic or partition
                // created since): from its beginning, all of it is newer than this consumer.
                if !assigned.contains(partition) { found.append((partition, !hasLooked)) }
            }
        }
        let isFirstLook = !hasLooked
        hasLooked = true
        guard !found.isEmpty else { return isFirstLook ? [] : nil }

        let list = rd_kafka_topic_partition_list_new(Int32(found.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (partition, fromEnd) in found {
            var offset = Int64(RD_KAFKA_OFFSET_BEGINNING)
            if fromEnd {
                // The end now, as a number: RD_KAFKA_OFFSET_END would be resolved later, at the
                // first fetch, and a record written in between would be missed.
                var low: Int64 = 0
                var high: Int64 = 0
                let watermark = rd_kafka_query_watermark_offsets(handle.pointer, partition.topic, partition.partition, &low, &high, 5000)
                guard watermark == RD_KAFKA_RESP_ERR_NO_ERROR else {
                    nextLook = DispatchTime.now() + .seconds(1)
                    throw .assignmentFailed(code: KafkaErrorCode(watermark), message: "watermark of \(partition): \(String(cString: rd_kafka_err2str(watermark)))")
                }
                offset = high
            }
            rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition).pointee.offset = offset
        }
        if let failure = rd_kafka_incremental_assign(handle.pointer, list) {
            let code = KafkaErrorCode(rd_kafka_error_code(failure))
            let message = String(cString: rd_kafka_error_string(failure))
            rd_kafka_error_destroy(failure)
            nextLook = DispatchTime.now() + .seconds(1)
            throw .assignmentFailed(code: code, message: "assign: \(message)")
        }
        let added = found.map(\.0)
        assigned.formUnion(added)
        return added
    }
}
