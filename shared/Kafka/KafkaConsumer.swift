internal import CRdKafka
import Dispatch
import Logging
import ServiceLifecycle
import Synchronization

/// A Kafka consumer-group member with at-least-once semantics, or (with
/// ``KafkaConsumerAssignment/allPartitions(refreshInterval:)``) a reader of every partition of
/// its topics on its own, from the end, without group or offsets. A group member has these semantics: offsets are committed only for
/// records the application marked with ``storeOffset(_:)`` after their effect was committed
/// (`enable.auto.offset.store=false`; stored offsets are committed automatically every
/// `auto.commit.interval.ms`, by ``commit()``, and once more on shutdown).
///
/// A dedicated poll thread runs `rd_kafka_consumer_poll` (which also serves rebalances) and
/// hands records to ``messages``; a worker thread runs blocking commits. Polling starts in
/// `init`; ``run()`` performs the orderly shutdown.
public final class KafkaConsumer: Service, Sendable {
    /// How many records the poll thread may fetch ahead of the handler.
    private static let prefetch = 16

    /// State the poll thread shares with the consumer without keeping the consumer alive.
    private final class Shared: Sendable {
        let failure = Mutex<KafkaError?>(nil)
        let assignment = Mutex<Set<KafkaTopicPartition>>([])
    }

    private let handle: KafkaClientHandle
    private let worker: BlockingWorker
    private let pollThread: PollThread
    private let shared = Shared()
    private let logger: Logger

    /// The records, as an async sequence (one iterator). Ends when the consumer has shut down.
    public let messages: KafkaConsumerMessages

    /// - Parameter onEvent: told of assignments (all-partitions readers) and transient errors,
    ///   on the poll thread.
    public init(configuration: KafkaConsumerConfiguration, logger: Logger, onEvent: @escaping @Sendable (KafkaConsumerEvent) -> Void = { _ in }) throws {
        var logger = logger
        logger[metadataKey: "kafka.group"] = "\(configuration.groupId)"
        self.logger = logger
        // The poll thread always runs rd_kafka_consumer_close itself before it ends, so destroy
        // must not close again.
        let handle = try KafkaClientHandle(
            type: RD_KAFKA_CONSUMER,
            properties: configuration.librdkafkaProperties,
            context: KafkaClientContext(logger: logger),
            destroyFlags: RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE
        )
        // Route the main queue (errors, logs, rebalances) to rd_kafka_consumer_poll.
        rd_kafka_poll_set_consumer(handle.pointer)
        let discovery: PartitionDiscovery?
        switch configuration.assignment {
        case .group:
            try Self.subscribe(handle, to: configuration.topics)
            discovery = nil
        case .allPartitions(let interval):
            discovery = PartitionDiscovery(topics: configuration.topics, refreshInterval: interval)
        }
        let commits = configuration.assignment == .group
        self.handle = handle
        worker = BlockingWorker(name: "kafka-consumer-\(configuration.groupId)-blocking")

        let (stream, continuation) = AsyncThrowingStream<KafkaMessage, any Error>.makeStream()
        // Start at zero and add the permits: libdispatch traps when a semaphore is freed with a
        // value below its initial one, which a consumer dropped with records still in flight has.
        let permits = DispatchSemaphore(value: 0)
        for _ in 0..<Self.prefetch { permits.signal() }
        messages = KafkaConsumerMessages(stream: stream, permits: permits)
        let shared = shared
        pollThread = PollThread(name: "kafka-consumer-\(configuration.groupId)-poll") { [logger] thread in
            var discovery = discovery
            let failure = Self.pollLoop(
                handle, thread: thread, permits: permits, continuation: continuation, discovery: &discovery, logger: logger
            ) { event in
                if case .assigned(let partitions) = event { shared.assignment.withLock { $0.formUnion(partitions) } }
                onEvent(event)
            }
            Self.close(handle, commit: commits, logger: logger)
            shared.failure.withLock { $0 = failure }
            continuation.finish(throwing: failure)
        }
    }

    private static func subscribe(_ handle: KafkaClientHandle, to topics: [String]) throws {
        let list = rd_kafka_topic_partition_list_new(Int32(topics.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for topic in topics { rd_kafka_topic_partition_list_add(list, topic, RD_KAFKA_PARTITION_UA) }
        let error = rd_kafka_subscribe(handle.pointer, list)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError.subscriptionFailed(code: KafkaErrorCode(error), message: String(cString: rd_kafka_err2str(error)))
        }
    }

    /// Runs on the poll thread until a stop request or a fatal error (returned).
    ///
    /// The loop calls `rd_kafka_consumer_poll` at least every 100 ms whatever the handler does:
    /// librdkafka evicts a member that does not poll within `max.poll.interval.ms`, and a handler
    /// that retries one record for a while must not cost the partitions. When ``prefetch``
    /// records wait unread, the assigned partitions are paused instead (polling then returns no
    /// records but still serves rebalances and errors and keeps the member in its group) and
    /// resumed once the handler takes records again; librdkafka resumes after the last record
    /// it handed out.
    private static func pollLoop(
        _ handle: KafkaClientHandle,
        thread: PollThread,
        permits: DispatchSemaphore,
        continuation: AsyncThrowingStream<KafkaMessage, any Error>.Continuation,
        discovery: inout PartitionDiscovery?,
        logger: Logger,
        onEvent: (KafkaConsumerEvent) -> Void
    ) -> KafkaError? {
        var paused = false
        // Records handed out while paused (a partition assigned by a rebalance since the last
        // pause): each owes a permit, paid back before the next regular fetch.
        var owed = 0
        while !thread.shouldStop {
            if discovery != nil {
                do {
                    if let added = try discovery!.refreshIfDue(handle) {
                        logger.debug("Kafka consumer assigned partitions", metadata: ["kafka.partitions": "\(added)"])
                        onEvent(.assigned(added))
                    }
                } catch {
                    logger.warning("Kafka consumer could not assign partitions", metadata: ["error": "\(error)"])
                    if let code = error.code { onEvent(.error(code: code, message: error.description)) }
                }
            }
            while owed > 0, permits.wait(timeout: .now()) == .success { owed -= 1 }
            let hasRoom = owed == 0 && permits.wait(timeout: .now() + .milliseconds(paused ? 0 : 10)) == .success
            if hasRoom, paused {
                setAssignmentPaused(handle, false, logger: logger)
                paused = false
            } else if !hasRoom {
                // Every round: a rebalance may have assigned partitions that are not paused yet.
                setAssignmentPaused(handle, true, logger: logger)
                paused = true
            }
            guard let message = rd_kafka_consumer_poll(handle.pointer, 100) else {
                if hasRoom { permits.signal() }
                continue
            }
            defer { rd_kafka_message_destroy(message) }
            if message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                if !hasRoom { owed += 1 }
                continuation.yield(KafkaMessage(copying: message))
                continue
            }
            if hasRoom { permits.signal() }
            var buffer = [CChar](repeating: 0, count: 512)
            let fatal = rd_kafka_fatal_error(handle.pointer, &buffer, buffer.count)
            if fatal != RD_KAFKA_RESP_ERR_NO_ERROR {
                let error = KafkaError.fatal(code: KafkaErrorCode(fatal), message: String(cBuffer: buffer))
                logger.error("Kafka consumer fatal error", metadata: ["error": "\(error)"])
                return error
            }
            // Transient (broker down) or informational (unknown topic): librdkafka carries on.
            let code = KafkaErrorCode(message.pointee.err)
            let reason = String(cString: rd_kafka_message_errstr(message))
            logger.warning("Kafka consumer error", metadata: ["kafka.error": "\(code.name)", "reason": "\(reason)"])
            onEvent(.error(code: code, message: reason))
        }
        return nil
    }

    /// Pauses or resumes fetching for all currently assigned partitions (poll thread only).
    private static func setAssignmentPaused(_ handle: KafkaClientHandle, _ pause: Bool, logger: Logger) {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        guard rd_kafka_assignment(handle.pointer, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        guard list.pointee.cnt > 0 else { return }
        let error = pause ? rd_kafka_pause_partitions(handle.pointer, list) : rd_kafka_resume_partitions(handle.pointer, list)
        if error != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("Kafka consumer could not \(pause ? "pause" : "resume") partitions", metadata: ["kafka.error": "\(KafkaErrorCode(error).name)"])
        }
    }

    /// Commits the stored offsets (a group member) and leaves the group, so the group rebalances
    /// at once instead of waiting for the session timeout. Runs on the poll thread after its loop.
    private static func close(_ handle: KafkaClientHandle, commit: Bool, logger: Logger) {
        if commit {
            let commit = rd_kafka_commit(handle.pointer, nil, 0)
            if commit != RD_KAFKA_RESP_ERR_NO_ERROR, commit != RD_KAFKA_RESP_ERR__NO_OFFSET {
                logger.warning("Kafka consumer final commit failed", metadata: ["kafka.error": "\(KafkaErrorCode(commit).name)"])
            }
        }
        let close = rd_kafka_consumer_close(handle.pointer)
        if close != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("Kafka consumer close failed", metadata: ["kafka.error": "\(KafkaErrorCode(close).name)"])
        }
    }

    /// The partitions an all-partitions reader has assigned so far (empty for a group member).
    public var assignment: Set<KafkaTopicPartition> { shared.assignment.withLock { $0 } }

    /// Marks `message` as processed: its offset + 1 is committed with the next (auto) commit.
    /// Call it only after the handler's effect is committed.
    ///
    /// - Throws: ``KafkaError/offsetStoreFailed(code:message:)``, e.g. `_STATE` if the partition
    ///   was revoked meanwhile (the record will then be redelivered to the new owner).
    public func storeOffset(_ message: KafkaMessage) throws {
        guard let list = rd_kafka_topic_partition_list_new(1) else {
            throw KafkaError.offsetStoreFailed(code: .invalidState, message: "could not allocate a partition list")
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let partition = rd_kafka_topic_partition_list_add(list, message.topic, message.partition)!
        partition.pointee.offset = message.offset + 1
        var error = rd_kafka_offsets_store(handle.pointer, list)
        if error == RD_KAFKA_RESP_ERR_NO_ERROR { error = partition.pointee.err }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError.offsetStoreFailed(code: KafkaErrorCode(error), message: String(cString: rd_kafka_err2str(error)))
        }
    }

    /// Commits the stored offsets now and waits for the broker's answer (on the worker thread).
    /// Having nothing to commit is not an error.
    public func commit() async throws {
        let handle = handle
        let code = try await worker.run { rd_kafka_commit(handle.pointer, nil, 0).rawValue }
        let error = rd_kafka_resp_err_t(rawValue: code)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR || error == RD_KAFKA_RESP_ERR__NO_OFFSET else {
            throw KafkaError.commitFailed(code: KafkaErrorCode(error), message: String(cString: rd_kafka_err2str(error)))
        }
    }

    /// Runs until graceful shutdown or cancellation; then stops fetching, commits the stored
    /// offsets, closes the consumer (leaving the group) and ends ``messages``.
    /// Throws the fatal error if librdkafka raised one (``messages`` then ends with it too).
    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [pollThread] in
                // Returns on graceful shutdown, throws on cancellation: both mean "stop".
                try? await gracefulShutdown()
                pollThread.requestStop()
            }
            await pollThread.finished.wait()
            group.cancelAll()
        }
        worker.stop()
        if let failure = shared.failure.withLock({ $0 }) { throw failure }
    }

    deinit {
        // The poll thread closes the consumer and drops the last handle reference.
        pollThread.requestStop()
        worker.stop()
    }
}
