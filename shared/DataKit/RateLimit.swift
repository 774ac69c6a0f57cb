/// A limit of `limit` requests per key in any `window` (a sliding window): "5 per minute".
public struct RateLimit: Sendable, Equatable {
    /// Requests allowed in any window.
    public var limit: Int
    public var window: Duration

    /// `RateLimit(5, per: .seconds(60))`. `limit` is at least 1, `window` at least 1 ms.
    public init(_ limit: Int, per window: Duration) {
        self.limit = max(1, limit)
        self.window = max(window, .milliseconds(1))
    }

    /// The window in seconds, as the database takes it.
    var windowSeconds: Double {
        Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
    }
}
