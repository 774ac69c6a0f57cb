import Foundation
import InkwellContracts
import InkwellCore

/// An item of the moderation queue: the comment (without replies) and the slug of its post,
/// read from the projection.
public struct ModeratedComment: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var postId: UUID
    public var postSlug: String
    @Nullable public var parentId: LowercaseUUID?
    @LowercaseUUID public var authorId: UUID
    public var body: String
    public var status: CommentStatus
    public var createdAt: Date
    @Nullable public var editedAt: Date?
    public var deleted: Bool

    public init(_ comment: Comment, postSlug: String) {
        id = comment.id
        postId = comment.postId
        self.postSlug = postSlug
        parentId = comment.parentId
        authorId = comment.authorId
        body = comment.body
        status = comment.status
        createdAt = comment.createdAt
        editedAt = comment.editedAt
        deleted = comment.deleted
    }
}
