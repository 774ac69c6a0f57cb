/// How often a consumer tries an event whose handler fails before it parks it as a dead letter,
/// and how long it waits between tries (doubling from `initialBackoff` to `maxBackoff`, each wait
/// ± `jitter`). Failures the applier calls transient (the database is down) do not count: they
/// are not the event's fault, so they are retried at `maxBackoff` until they pass.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included (≥ 1).
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// Fraction of each wait drawn at random (0.1: ±10 %).
    public var jitter: Double

    public init(maxAttempts: Int = 6, initialBackoff: Duration = .milliseconds(200), maxBackoff: Duration = .seconds(5), jitter: Double = 0.1) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = max(initialBackoff, maxBackoff)
        self.jitter = jitter
    }

    /// The default: 6 tries over about 8 s.
    public static let standard = RetryPolicy()

    /// Whether another try follows failed try number `attempt` (1-based).
    public func shouldRetry(afterAttempt attempt: Int) -> Bool { attempt < maxAttempts }

    /// The wait after failed try number `attempt` (1-based), before jitter.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        var wait = initialBackoff
        var step = 1
        while step < attempt, wait < maxBackoff {
            wait = wait * 2
            step += 1
        }
        return min(wait, maxBackoff)
    }

    /// `duration` ± ``jitter`` of it, at random.
    func jittered(_ duration: Duration) -> Duration {
        guard jitter > 0 else { return duration }
        return duration * Double.random(in: (1 - jitter)...(1 + jitter))
    }
}
