/// How the response cache answered one read (the `X-Cache` header).
public enum CacheOutcome: String, Sendable {
    /// From a stored entry.
    case hit
    /// Computed (by this request, or by the one in flight for the same key that it awaited).
    case miss
    /// Not cacheable: a request with `Authorization`, a method other than GET/HEAD, or the cache
    /// is off or not yet live.
    case bypass
}
