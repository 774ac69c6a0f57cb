import InkwellKafka

/// The part of a consumer that differs between the database-backed and the database-less
/// variant: how one event is applied exactly once (or at most once per version) and where a
/// dead letter goes. ``EventProcessor`` does the rest (decoding, retries, offsets, metrics).
public protocol EventApplier<Context>: Sendable {
    associatedtype Context

    /// Applies `event` (received as `message`) once: runs its handlers or finds it done.
    func apply(_ event: PreparedEvent<Context>, from message: KafkaMessage) async throws -> ApplyOutcome

    /// Keeps `letter` for a later replay. Throwing means "not kept": the processor retries it
    /// and does not store the record's offset meanwhile, so nothing is lost.
    func park(_ letter: DeadLetter) async throws

    /// Whether `error` is the infrastructure's (database down), not the event's: such failures
    /// are retried without counting towards ``RetryPolicy/maxAttempts``.
    func isTransient(_ error: any Error) -> Bool
}
