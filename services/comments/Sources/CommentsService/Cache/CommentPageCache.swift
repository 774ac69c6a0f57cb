import Foundation
import Hummingbird
import InkwellServiceKit

/// Rendered pages of posts' comment trees (the JSON bodies, with the post's comment count), each
/// valid for one version of its post's comments (`comment_threads.version`, raised in the
/// transaction of every write of a comment): a ``StampedCache`` whose stamp is that version. A
/// request reads the version with the post, so a hit is never stale: a write that committed
/// before the read has raised the version, and the entry of the older one is not used. An entry
/// of a newer version is never replaced by an older one (a slower request's).
public struct CommentPageCache: Sendable {
    /// A page of one post's tree: its size and where it starts.
    public struct Key: Hashable, Sendable {
        public var postId: UUID
        public var limit: Int
        public var after: CommentPosition?

        public init(postId: UUID, limit: Int, after: CommentPosition?) {
            self.postId = postId
            self.limit = limit
            self.after = after
        }
    }

    /// A page as answered: its body, and the post's count of approved comments at the same version.
    public struct Rendered: Equatable, Sendable {
        public var body: ByteBuffer
        public var commentCount: Int

        public init(body: ByteBuffer, commentCount: Int) {
            self.body = body
            self.commentCount = commentCount
        }
    }

    let pages: StampedCache<Key, Int64, Rendered>

    /// - Parameters:
    ///   - maxBytes: the bodies' bytes kept, all pages together (0 keeps none).
    ///   - maxBodyBytes: the largest body kept.
    public init(maxBytes: Int = 16 * 1024 * 1024, maxBodyBytes: Int = 256 * 1024) {
        pages = StampedCache(name: "comments.tree", maxBytes: maxBytes, maxEntryBytes: maxBodyBytes) { $0.body.readableBytes }
    }

    /// The page rendered for `key` at exactly `version`, if any.
    public func page(for key: Key, version: Int64) async -> Rendered? {
        await pages.value(for: key) { version }
    }

    /// Keeps `page` as `key`'s page at `version`, unless a newer version's is kept.
    public func store(_ page: Rendered, for key: Key, version: Int64) {
        pages.storeUnlessOlder(page, for: key, stamp: version)
    }

    /// The number of pages held (for tests).
    public var count: Int { pages.count }
}
