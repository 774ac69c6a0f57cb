import Synchronization

/// The `send` calls waiting for their delivery report, by message id.
///
/// The id (not a retained object) travels through librdkafka as the per-message opaque. So a
/// record whose report never comes (the handle is torn down after a failed flush) can still be
/// failed by ``failAll(_:)``: no `send` hangs and nothing leaks.
final class DeliveryRegistry: Sendable {
    typealias Continuation = CheckedContinuation<(partition: Int32, offset: Int64), any Error>

    private struct State {
        var nextId: UInt = 1
        var pending: [UInt: Continuation] = [:]
        var isClosed = false
    }

    private let state = Mutex(State())

    /// Registers a continuation; returns its id, or `nil` if the registry is closed.
    func register(_ continuation: Continuation) -> UInt? {
        state.withLock { state -> UInt? in
            guard !state.isClosed else { return nil }
            let id = state.nextId
            state.nextId += 1
            state.pending[id] = continuation
            return id
        }
    }

    /// Removes and returns the continuation for `id` (each resolves exactly once).
    func take(_ id: UInt) -> Continuation? {
        state.withLock { $0.pending.removeValue(forKey: id) }
    }

    var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Refuses new registrations and fails every pending one with `error`.
    func failAll(_ error: KafkaError) {
        let pending = state.withLock { state -> [Continuation] in
            state.isClosed = true
            defer { state.pending = [:] }
            return Array(state.pending.values)
        }
        for continuation in pending { continuation.resume(throwing: error) }
    }
}
