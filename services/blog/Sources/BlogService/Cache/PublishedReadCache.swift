import Hummingbird
import InkwellServiceKit

/// The rendered answers of the public reads, each kept for the stamps of the posts it shows
/// (``StampedCache``): pages of the published feed by ``FeedCacheKey``, and published posts by
/// slug. A hit costs one index read of ids and versions instead of the rows, their decoding and
/// their JSON; every answer is still as of the request's own read of the database.
public struct PublishedReadCache: Sendable {
    /// The bytes each of the two caches may hold.
    public static let defaultMaxBytes = 16 * 1024 * 1024
    /// The largest answer kept (a post of the longest Markdown body renders below this).
    public static let maxEntryBytes = 512 * 1024

    let feed: StampedCache<FeedCacheKey, [PostStamp], ByteBuffer>
    let posts: StampedCache<String, PostStamp, RenderedPost>

    /// - Parameter maxBytes: the bound of each cache; 0 keeps nothing (every read goes to the rows).
    public init(maxBytes: Int = Self.defaultMaxBytes) {
        feed = StampedCache(name: "blog.feed", maxBytes: maxBytes, maxEntryBytes: Self.maxEntryBytes) { $0.readableBytes }
        posts = StampedCache(name: "blog.post", maxBytes: maxBytes, maxEntryBytes: Self.maxEntryBytes) { $0.body.readableBytes }
    }
}
