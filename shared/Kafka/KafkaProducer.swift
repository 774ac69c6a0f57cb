import Logging
import ServiceLifecycle
import Synchronization

/// An idempotent Kafka producer (`enable.idempotence=true`, `acks=all`, `murmur2_random`
/// partitioner) whose ``send(topic:key:value:headers:)`` resolves when the broker acknowledged
/// the record.
///
/// librdkafka's blocking and callback-serving calls run on two dedicated threads per handle
/// (a poll thread for delivery reports, a worker for metadata and flush), never on Swift's
/// cooperative pool. `send` works from `init` on, before and while ``run()`` runs; after `run`
/// returned, it throws ``KafkaError/shutDown``.
///
/// If librdkafka raises a fatal error for the handle, the producer logs it, fails the records
/// still pending on that handle and continues with a fresh handle (new producer id).
public final class KafkaProducer: Service, Sendable {
    private enum State {
        case running(ProducerCore, generation: Int)
        case shutDown
    }

    private let configuration: KafkaProducerConfiguration
    private let logger: Logger
    private let state = Mutex<State>(.shutDown)

    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws {
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "kafka.client"] = "\(configuration.clientId)"
        self.logger = logger
        let core = try makeCore(generation: 0)
        state.withLock { $0 = .running(core, generation: 0) }
    }

    private func makeCore(generation: Int) throws -> ProducerCore {
        try ProducerCore(configuration: configuration, logger: logger) { [weak self] _ in
            self?.replaceCore(afterFatalErrorIn: generation)
        }
    }

    /// Sends one record and waits for the broker's acknowledgement (its delivery report).
    ///
    /// - Returns: the partition and offset the record was written to. With the idempotent
    ///   producer the offset can be `-1001` (invalid) for a record that needed a retry.
    /// - Throws: ``KafkaError/enqueueFailed(code:message:)`` if the record was not accepted,
    ///   ``KafkaError/deliveryFailed(code:message:)`` if it was not acknowledged within the
    ///   message timeout (code ``KafkaErrorCode/messageTimedOut``) or failed at the broker,
    ///   ``KafkaError/shutDown`` after shutdown. Not cancellable once the record is enqueued.
    public func send(topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader] = []) async throws -> (partition: Int32, offset: Int64) {
        let core = try state.withLock { state throws(KafkaError) -> ProducerCore in
            guard case .running(let core, _) = state else { throw .shutDown }
            return core
        }
        return try await core.send(topic: topic, key: key, value: value, headers: headers)
    }

    /// Sends `records` with all of them in flight at once: enqueues them in order, then waits
    /// for every delivery report. Returns one result per record, in the same order.
    ///
    /// Records of one key keep their order within the producer's session (idempotence), and a
    /// record that fails to enqueue stops the later records of its topic and key in the batch
    /// (``KafkaError/skippedAfterEarlierFailure(code:)``), so no later record of a key is sent
    /// when an earlier one was not. Per-record errors are those of ``send(topic:key:value:headers:)``.
    /// After shutdown every record fails with ``KafkaError/shutDown``.
    public func sendBatch(_ records: [KafkaRecord]) async -> [Result<KafkaDelivery, KafkaError>] {
        guard case .running(let core, _) = state.withLock({ $0 }) else {
            return records.map { _ in .failure(.shutDown) }
        }
        return await core.sendBatch(records)
    }

    /// Runs until graceful shutdown or cancellation, then flushes outstanding records for at
    /// most ``KafkaProducerConfiguration/shutdownFlushTimeout``, fails the rest and stops the
    /// producer's threads.
    public func run() async throws {
        // Returns on graceful shutdown, throws on cancellation: both mean "stop".
        try? await gracefulShutdown()
        let core = state.withLock { state -> ProducerCore? in
            defer { state = .shutDown }
            guard case .running(let core, _) = state else { return nil }
            return core
        }
        logger.debug("Kafka producer shutting down")
        await core?.close(flushTimeout: configuration.shutdownFlushTimeout)
    }

    /// Whether a broker answers a metadata request within `timeout` (for readiness checks).
    public func isReachable(timeout: Duration = .seconds(2)) async -> Bool {
        guard let core = state.withLock({ state -> ProducerCore? in
            guard case .running(let core, _) = state else { return nil }
            return core
        }) else { return false }
        return await core.isReachable(timeout: timeout)
    }

    /// Tests only (`@testable`): raises a librdkafka fatal error on the current handle.
    func triggerFatalErrorForTesting() {
        if case .running(let core, _) = state.withLock({ $0 }) { core.triggerFatalErrorForTesting() }
    }

    private func replaceCore(afterFatalErrorIn generation: Int) {
        let old = state.withLock { state -> ProducerCore? in
            guard case .running(let core, let current) = state, current == generation else { return nil }
            do {
                state = .running(try makeCore(generation: generation + 1), generation: generation + 1)
                return core
            } catch {
                logger.error("Kafka producer could not be recreated after a fatal error", metadata: ["error": "\(error)"])
                return nil
            }
        }
        guard let old else { return }
        logger.warning("Kafka producer recreated after a fatal error")
        // Called on the old handle's poll thread, which must keep running to finish the close.
        Task { await old.close(flushTimeout: .milliseconds(1)) }
    }

    deinit {
        if case .running(let core, _) = state.withLock({ $0 }) { core.stopWithoutFlush() }
    }
}
