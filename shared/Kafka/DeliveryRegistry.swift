import Synchronization

/// The `send` calls waiting for their delivery report, by message id.
///
/// The id (not a retained object) travels through librdkafka as the per-message opaque. So a
/// record whose report never comes (the handle is torn down after a failed flush) can still be
/// failed by ``failAll(_:)``: no `send` hangs and nothing leaks.
final class DeliveryRegistry: Sendable {
    typealias Continuation = CheckedContinuation<(partition: Int32, offset: Int64), any Error>

    /// Who learns a record's fate: one `send`, or one record of a ``ProducerCore/sendBatch(_:)``.
    enum Waiter: Sendable {
        case single(Continuation)
        case batch(BatchDelivery, index: Int)

        func resolve(_ result: Result<KafkaDelivery, KafkaError>) {
            switch self {
            case .single(let continuation):
                switch result {
                case .success(let delivery): continuation.resume(returning: (delivery.partition, delivery.offset))
                case .failure(let error): continuation.resume(throwing: error)
                }
            case .batch(let batch, let index):
                batch.resolve(index, result)
            }
        }
    }

    private struct State {
        var nextId: UInt = 1
        var pending: [UInt: Waiter] = [:]
        var isClosed = false
    }

    private let state = Mutex(State())

    /// Registers a continuation; returns its id, or `nil` if the registry is closed.
    func register(_ continuation: Continuation) -> UInt? {
        register(.single(continuation))
    }

    /// Registers a waiter; returns its id, or `nil` if the registry is closed.
    func register(_ waiter: Waiter) -> UInt? {
        state.withLock { state -> UInt? in
            guard !state.isClosed else { return nil }
            let id = state.nextId
            state.nextId += 1
            state.pending[id] = waiter
            return id
        }
    }

    /// Removes and returns the waiter for `id` (each resolves exactly once).
    func take(_ id: UInt) -> Waiter? {
        state.withLock { $0.pending.removeValue(forKey: id) }
    }

    var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Refuses new registrations and fails every pending one with `error`.
    func failAll(_ error: KafkaError) {
        let pending = state.withLock { state -> [Waiter] in
            state.isClosed = true
            defer { state.pending = [:] }
            return Array(state.pending.values)
        }
        for waiter in pending { waiter.resolve(.failure(error)) }
    }
}
