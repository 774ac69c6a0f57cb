import Hummingbird

extension HTTPProblem {
    /// 429 with `Retry-After: <seconds>` (at least 1).
    public static func rateLimited(retryAfter seconds: Int, detail: String = "Too many requests; try again later.") -> Self {
        .init(.tooManyRequests, detail: detail, headers: [.retryAfter: String(max(1, seconds))])
    }
}
