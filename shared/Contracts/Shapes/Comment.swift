import Foundation
import InkwellCore

/// A comment with its approved replies (API.md "Comments"); a tombstone has `deleted: true` and `body: ""`.
public struct Comment: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var postId: UUID
    @Nullable public var parentId: LowercaseUUID?
    @LowercaseUUID public var authorId: UUID
    public var body: String
    public var status: CommentStatus
    public var createdAt: Date
    @Nullable public var editedAt: Date?
    public var deleted: Bool
    public var replies: [Comment]

    public init(
        id: UUID, postId: UUID, parentId: UUID?, authorId: UUID, body: String, status: CommentStatus,
        createdAt: Date, editedAt: Date?, deleted: Bool, replies: [Comment] = []
    ) {
        self.id = id
        self.postId = postId
        self.parentId = parentId.map(LowercaseUUID.init(wrappedValue:))
        self.authorId = authorId
        self.body = body
        self.status = status
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.deleted = deleted
        self.replies = replies
    }
}
