internal import CRdKafka
import Logging

/// One librdkafka producer handle with its poll thread and blocking-call worker.
///
/// ``KafkaProducer`` normally keeps one core for its whole life; it replaces the core only if
/// librdkafka raises a fatal error (the idempotent producer cannot continue on that handle).
final class ProducerCore: Sendable {
    private let handle: KafkaClientHandle
    private let deliveries: DeliveryRegistry
    private let worker: BlockingWorker
    private let pollThread: PollThread

    init(configuration: KafkaProducerConfiguration, logger: Logger, onFatalError: @escaping @Sendable (KafkaError) -> Void) throws {
        let deliveries = DeliveryRegistry()
        let context = KafkaClientContext(logger: logger, deliveries: deliveries, onFatalError: onFatalError)
        let handle = try KafkaClientHandle(type: RD_KAFKA_PRODUCER, properties: configuration.librdkafkaProperties, context: context) { conf in
            // Called from inside rd_kafka_poll on the poll thread, once per record.
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
                guard let message, let deliveries = KafkaClientContext.from(opaque)?.deliveries,
                    let waiter = deliveries.take(UInt(bitPattern: message.pointee._private))
                else { return }
                let report = message.pointee
                if report.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                    waiter.resolve(.success(KafkaDelivery(partition: report.partition, offset: report.offset)))
                } else {
                    let text = String(cString: rd_kafka_message_errstr(message))
                    waiter.resolve(.failure(KafkaError.deliveryFailed(code: KafkaErrorCode(report.err), message: text)))
                }
            }
        }
        self.handle = handle
        self.deliveries = deliveries
        worker = BlockingWorker(name: "kafka-producer-\(configuration.clientId)-blocking")
        pollThread = PollThread(name: "kafka-producer-\(configuration.clientId)-poll") { thread in
            while !thread.shouldStop {
                rd_kafka_poll(handle.pointer, 100)
            }
            // Serve the delivery reports of records that `close` purged (bounded: about 1 s).
            var rounds = 0
            while rd_kafka_outq_len(handle.pointer) > 0, rounds < 10 {
                rd_kafka_poll(handle.pointer, 100)
                rounds += 1
            }
            // Whatever got no report now never will: fail it rather than leave a `send` hanging.
            deliveries.failAll(.shutDown)
        }
    }

    /// Enqueues the record and waits for its delivery report.
    ///
    /// Not cancellable: once enqueued, the record's fate is decided by the broker or the
    /// message timeout, and the caller has to learn it.
    func send(topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader]) async throws -> (partition: Int32, offset: Int64) {
        try await withCheckedThrowingContinuation { continuation in
            guard let id = deliveries.register(continuation) else {
                continuation.resume(throwing: KafkaError.shutDown)
                return
            }
            if let error = enqueue(id: id, topic: topic, key: key, value: value, headers: headers),
                let waiter = deliveries.take(id)
            {
                waiter.resolve(.failure(error))
            }
        }
    }

    /// Enqueues all `records` in order, then waits for all their delivery reports: the whole
    /// batch is in flight at once (one round trip's worth of latency, not one per record).
    ///
    /// Per-key order: records of one key go to one partition in enqueue order, and the
    /// idempotent producer keeps that order within this handle's session. If a record fails to
    /// enqueue, later records of the same topic and key are not enqueued at all (they fail with
    /// ``KafkaError/skippedAfterEarlierFailure(code:)``), so a batch never lets a later record of a
    /// key go out when an earlier one did not. Never throws; not cancellable once enqueued.
    func sendBatch(_ records: [KafkaRecord]) async -> [Result<KafkaDelivery, KafkaError>] {
        guard !records.isEmpty else { return [] }
        return await withCheckedContinuation { continuation in
            let batch = BatchDelivery(count: records.count, continuation: continuation)
            // Topic and key of each record that failed to enqueue, with its error code.
            var failedKeys: [FailedKey: KafkaErrorCode] = [:]
            for (index, record) in records.enumerated() {
                let failedKey = FailedKey(topic: record.topic, key: record.key)
                if let code = failedKeys[failedKey] {
                    batch.resolve(index, .failure(.skippedAfterEarlierFailure(code: code)))
                    continue
                }
                guard let id = deliveries.register(.batch(batch, index: index)) else {
                    batch.resolve(index, .failure(.shutDown))
                    continue
                }
                if let error = enqueue(id: id, topic: record.topic, key: record.key, value: record.value, headers: record.headers) {
                    failedKeys[failedKey] = error.code ?? .invalidState
                    deliveries.take(id)?.resolve(.failure(error))
                }
            }
        }
    }

    private struct FailedKey: Hashable {
        var topic: String
        var key: [UInt8]?
    }

    private func enqueue(id: UInt, topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader]) -> KafkaError? {
        var cHeaders: OpaquePointer?
        if !headers.isEmpty {
            cHeaders = rd_kafka_headers_new(headers.count)
            for header in headers {
                _ = header.value.withUnsafeBytes { rd_kafka_header_add(cHeaders, header.key, -1, $0.baseAddress, $0.count) }
            }
        }
        let opaque = UnsafeMutableRawPointer(bitPattern: id)
        let error = value.withUnsafeBytes { valueBytes in
            if let key {
                return key.withUnsafeBytes { keyBytes in
                    inkwell_rd_kafka_produce(handle.pointer, topic, keyBytes.baseAddress, keyBytes.count, valueBytes.baseAddress, valueBytes.count, cHeaders, opaque)
                }
            }
            return inkwell_rd_kafka_produce(handle.pointer, topic, nil, 0, valueBytes.baseAddress, valueBytes.count, cHeaders, opaque)
        }
        guard error != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        // producev failed, so the headers are still ours.
        if let cHeaders { rd_kafka_headers_destroy(cHeaders) }
        return .enqueueFailed(code: KafkaErrorCode(error), message: String(cString: rd_kafka_err2str(error)))
    }

    /// Sends a metadata request (on the worker thread) and reports whether a broker answered in time.
    func isReachable(timeout: Duration) async -> Bool {
        let handle = handle
        let milliseconds = Int32(clamping: timeout.kafkaMilliseconds)
        return (try? await worker.run {
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let error = rd_kafka_metadata(handle.pointer, 0, nil, &metadata, milliseconds)
            if let metadata { rd_kafka_metadata_destroy(metadata) }
            return error == RD_KAFKA_RESP_ERR_NO_ERROR
        }) ?? false
    }

    /// Waits up to `flushTimeout` for outstanding records, fails the rest (`_PURGE_QUEUE`,
    /// `_PURGE_INFLIGHT` or ``KafkaError/shutDown``), and stops both threads.
    func close(flushTimeout: Duration) async {
        let handle = handle
        let milliseconds = Int32(clamping: flushTimeout.kafkaMilliseconds)
        _ = try? await worker.run {
            if rd_kafka_outq_len(handle.pointer) > 0 {
                _ = rd_kafka_flush(handle.pointer, milliseconds)
            }
            _ = rd_kafka_purge(handle.pointer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
        }
        worker.stop()
        pollThread.requestStop()
        await pollThread.finished.wait()
    }

    /// Makes librdkafka raise a fatal error on this handle, as a broker-side sequence error would.
    func triggerFatalErrorForTesting() {
        _ = rd_kafka_test_fatal_error(handle.pointer, RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER, "triggered by a test")
    }

    /// For `deinit` of the producer, where nothing can be awaited: purge and let the threads end.
    func stopWithoutFlush() {
        _ = rd_kafka_purge(handle.pointer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
        worker.stop()
        pollThread.requestStop()
    }
}
