import Foundation
import InkwellCore

/// The comment as comment events carry it: `{id, postId, parentId, authorId, body, status, createdAt}`.
public struct CommentSnapshot: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var postId: UUID
    @Nullable public var parentId: LowercaseUUID?
    @LowercaseUUID public var authorId: UUID
    public var body: String
    public var status: CommentStatus
    public var createdAt: Date

    public init(id: UUID, postId: UUID, parentId: UUID?, authorId: UUID, body: String, status: CommentStatus, createdAt: Date) {
        self.id = id
        self.postId = postId
        self.parentId = parentId.map(LowercaseUUID.init(wrappedValue:))
        self.authorId = authorId
        self.body = body
        self.status = status
        self.createdAt = createdAt
    }
}
