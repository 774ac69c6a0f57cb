import Foundation
import InkwellCore

/// `inkwell.comments.comment.rejected.v1`: `status` is `rejected` or `spam`.
public struct CommentRejected: InkwellEvent, Equatable {
    public static let type = "inkwell.comments.comment.rejected.v1"
    public static let topic = EventTopic.comments
    @LowercaseUUID public var commentId: UUID
    @LowercaseUUID public var postId: UUID
    public var status: CommentStatus
    public var version: Int64
    public var key: String { postId.lowercased }
    public var subject: String { commentId.lowercased }

    public init(commentId: UUID, postId: UUID, status: CommentStatus, version: Int64) {
        self.commentId = commentId
        self.postId = postId
        self.status = status
        self.version = version
    }
}
