import Synchronization

/// Collects the delivery reports of one ``ProducerCore/sendBatch(_:)`` and resumes its caller
/// once, when the last record's fate is known.
final class BatchDelivery: Sendable {
    typealias Continuation = CheckedContinuation<[Result<KafkaDelivery, KafkaError>], Never>

    private struct State {
        var results: [Result<KafkaDelivery, KafkaError>?]
        var remaining: Int
        var continuation: Continuation?
    }

    private let state: Mutex<State>

    init(count: Int, continuation: Continuation) {
        state = Mutex(State(results: Array(repeating: nil, count: count), remaining: count, continuation: continuation))
    }

    /// Records the fate of record `index`; the last one resumes the caller. A second report for
    /// the same index is ignored (each record resolves once).
    func resolve(_ index: Int, _ result: Result<KafkaDelivery, KafkaError>) {
        let finished = state.withLock { state -> (Continuation, [Result<KafkaDelivery, KafkaError>])? in
            guard state.results[index] == nil else { return nil }
            state.results[index] = result
            state.remaining -= 1
            guard state.remaining == 0, let continuation = state.continuation else { return nil }
            state.continuation = nil
            return (continuation, state.results.map { $0! })
        }
        if let (continuation, results) = finished { continuation.resume(returning: results) }
    }
}
