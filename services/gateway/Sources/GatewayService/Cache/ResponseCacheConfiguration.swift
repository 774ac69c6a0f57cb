/// The response cache's bounds (OPERATIONS.md): `CACHE_MAX_BYTES` and `CACHE_TTL`.
public struct ResponseCacheConfiguration: Sendable, Equatable {
    /// The bytes of all entries (bodies, headers, keys) at most; 0 turns the cache off.
    public var maxBytes: Int
    /// How long an entry is served at most, whatever events say: the bound on how long a missed
    /// invalidation (broker down) can show stale data.
    public var ttl: Duration

    public init(maxBytes: Int = 64 << 20, ttl: Duration = .seconds(60)) {
        self.maxBytes = maxBytes
        self.ttl = ttl
    }

    public var isEnabled: Bool { maxBytes > 0 }
}
