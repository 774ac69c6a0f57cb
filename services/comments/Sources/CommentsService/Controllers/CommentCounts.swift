import Foundation

/// The body of `GET /internal/v1/comment-counts`: `{"counts": {"<postId>": n}}` with every
/// requested id (lowercase), 0 when the post has no visible comment or is unknown or deleted.
public struct CommentCounts: Codable, Sendable, Equatable {
    public var counts: [String: Int]

    public init(counts: [String: Int]) { self.counts = counts }

    /// Every one of `postIds` with its count in `found` (0 when absent).
    public init(postIds: [UUID], found: [UUID: Int]) {
        var counts: [String: Int] = [:]
        counts.reserveCapacity(postIds.count)
        for id in postIds { counts[id.uuidString.lowercased()] = found[id] ?? 0 }
        self.counts = counts
    }
}
