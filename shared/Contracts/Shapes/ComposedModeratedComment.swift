import Foundation
import InkwellCore

/// An item of the moderation queue as the gateway answers it (`GET /api/v1/moderation/comments`):
/// the comment without replies, its post's slug and the commenter as `author` (null once erased
/// or when the users service had no answer). Decodes the comments service's item (no `author`).
public struct ComposedModeratedComment: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var postId: UUID
    public var postSlug: String
    @Nullable public var parentId: LowercaseUUID?
    @LowercaseUUID public var authorId: UUID
    @Nullable public var author: PublicUser?
    public var body: String
    public var status: CommentStatus
    public var createdAt: Date
    @Nullable public var editedAt: Date?
    public var deleted: Bool
}
