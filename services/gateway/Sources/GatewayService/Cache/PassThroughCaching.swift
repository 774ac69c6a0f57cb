/// Which passed-through public reads the response cache keeps, and with which ``CacheTag``s: a
/// decision on the path and the service's status, without I/O.
///
/// Only the tag list, `GET`/`HEAD /api/v1/tags` (any query): `lists`, since every post event may
/// change its counts. Every other cached read is composed (``ComposedReadsController``,
/// ``ProfileController``) and tags itself from what it shows; the methods of those paths that
/// are still passed on (HEAD, writes) are never kept. Only complete answers (``ComposedAnswer/cacheableStatuses``).
enum PassThroughCaching {
    /// The tag list's path.
    static let tagsPath = "/api/v1/tags"

    /// The tags of the read at `path`, or nil when it is not a cached passed-through read.
    static func tags(path: String) -> Set<CacheTag>? {
        path == tagsPath ? [.lists] : nil
    }

    /// Whether an answer of `status` is complete and the same for every anonymous caller.
    static func isCacheable(status: Int) -> Bool {
        ComposedAnswer.cacheableStatuses.contains(status)
    }
}
