/// What the rate limiter says about one request.
public enum RateLimitDecision: Sendable, Equatable {
    case allowed
    /// Refused; `retryAfter` is the whole number of seconds (at least 1) until the oldest request
    /// in the window leaves it and a slot is free.
    case limited(retryAfter: Int)

    /// A refusal whose slot frees in `seconds` (fractions round up: waiting the advertised time
    /// must be enough).
    static func limited(freeingIn seconds: Double) -> RateLimitDecision {
        guard seconds.isFinite, seconds > 1 else { return .limited(retryAfter: 1) }
        return .limited(retryAfter: Int(min(seconds.rounded(.up), Double(Int32.max))))
    }
}
