import Foundation
import Hummingbird
import Synchronization

/// Rendered pages of posts' comment trees (the JSON bodies), each valid for one version of its
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

    struct Entry {
        var version: Int64
        var body: ByteBuffer
    }

    public let capacity: Int
    public let maxBodyBytes: Int
    private let entries = Mutex<[Key: Entry]>([:])

    public init(capacity: Int = 512, maxBodyBytes: Int = 256 * 1024) {
        self.capacity = capacity
        self.maxBodyBytes = maxBodyBytes
    }

    /// The body rendered for `key` at exactly `version`, if any.
    public func body(for key: Key, version: Int64) -> ByteBuffer? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.version == version else { return nil }
            return entry.body
        }
    }

    /// Keeps `body` as `key`'s page at `version`; an entry of a newer version stays (a slower
    /// request that read an older version must not replace it).
    public func store(_ body: ByteBuffer, for key: Key, version: Int64) {
        guard body.readableBytes <= maxBodyBytes, capacity > 0 else { return }
        entries.withLock { entries in
            if let current = entries[key], current.version > version { return }
            if entries[key] == nil, entries.count >= capacity, let victim = entries.keys.first {
                entries.removeValue(forKey: victim)
            }
            entries[key] = Entry(version: version, body: body)
        }
    }

    /// The number of pages held (for tests).
    public var count: Int { entries.withLock { $0.count } }
}
