import Foundation
import InkwellCore

/// A keyset position in a list ordered by `(created_at, id)`: the tree's roots and the
/// moderation queue. The time is whole microseconds since 1970 (the column's precision; a
/// cursor's JSON dates would keep only milliseconds).
public struct CommentPosition: Codable, Sendable, Hashable {
    public var at: Int64
    @LowercaseUUID public var id: UUID

    public init(at: Int64, id: UUID) {
        self.at = at
        self.id = id
    }
}
