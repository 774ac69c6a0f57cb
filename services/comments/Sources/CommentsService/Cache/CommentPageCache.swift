import Foundation
import Hummingbird
import Synchronization

/// Rendered pages of posts' comment trees (the JSON bodies, with the post's comment count), each
/// valid for one version of its
/// post's comments (`comment_threads.version`, raised in the transaction of every write of a
/// comment). A request reads the version with the post, so a hit is never stale: a write that
/// committed before the read has raised the version, and the entry of the older one is not used.
/// Bounded: at most ``capacity`` pages of at most ``maxBodyBytes`` each; a full cache makes room
/// by dropping an arbitrary entry.
public final class CommentPageCache: Sendable {
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

    struct Entry {
        var version: Int64
        var page: Rendered
    }

    public let capacity: Int
    public let maxBodyBytes: Int
    private let entries = Mutex<[Key: Entry]>([:])

    public init(capacity: Int = 512, maxBodyBytes: Int = 256 * 1024) {
        self.capacity = capacity
        self.maxBodyBytes = maxBodyBytes
    }

    /// The page rendered for `key` at exactly `version`, if any.
    public func page(for key: Key, version: Int64) -> Rendered? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.version == version else { return nil }
            return entry.page
        }
    }

    /// Keeps `page` as `key`'s page at `version`; an entry of a newer version stays (a slower
    /// request that read an older version must not replace it).
    public func store(_ page: Rendered, for key: Key, version: Int64) {
        guard page.body.readableBytes <= maxBodyBytes, capacity > 0 else { return }
        entries.withLock { entries in
            if let current = entries[key], current.version > version { return }
            if entries[key] == nil, entries.count >= capacity, let victim = entries.keys.first {
                entries.removeValue(forKey: victim)
            }
            entries[key] = Entry(version: version, page: page)
        }
    }

    /// The number of pages held (for tests).
    public var count: Int { entries.withLock { $0.count } }
}
