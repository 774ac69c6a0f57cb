import Foundation
import InkwellCore

/// The body of `GET /internal/v1/comment-counts`: `{"counts": {"<postId>": n}}` with every
/// requested id (lowercase), in the order asked, 0 when the post has no visible comment or is
/// unknown or deleted.
public struct CommentCounts: Encodable, Sendable, Equatable {
    /// The requested posts, distinct, in the order asked: the order of the answer's keys.
    public let postIds: [UUID]
    /// The counts found; posts without any are absent.
    public let found: [UUID: Int]

    /// Every one of `postIds` (a repeat once) with its count in `found` (0 when absent).
    public init(postIds: [UUID], found: [UUID: Int]) {
        var seen = Set<UUID>(minimumCapacity: postIds.count)
        self.postIds = postIds.filter { seen.insert($0).inserted }
        self.found = found
    }

    /// The answer for `postId`.
    public func count(of postId: UUID) -> Int { found[postId] ?? 0 }

    /// The answer's map: every requested id, lower case, with its count.
    public var counts: [String: Int] {
        var counts: [String: Int] = [:]
        counts.reserveCapacity(postIds.count)
        for id in postIds { counts[id.lowercased] = count(of: id) }
        return counts
    }

    private enum CodingKeys: String, CodingKey { case counts }

    /// A requested post's id as a key of the map.
    private struct PostKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ id: UUID) { stringValue = id.lowercased }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The keys in the order asked (a dictionary would give them in hash order), so this and the
    /// hand-written ``encodeJSON(to:)`` write the same bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var counts = container.nestedContainer(keyedBy: PostKey.self, forKey: .counts)
        for id in postIds { try counts.encode(count(of: id), forKey: PostKey(id)) }
    }
}
