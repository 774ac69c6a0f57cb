import Foundation
import InkwellCore

/// `inkwell.comments.comment.approved.v1`. Key: the post id; subject: the comment id.
public struct CommentApproved: InkwellEvent, Equatable {
    public static let type = "inkwell.comments.comment.approved.v1"
    public static let topic = EventTopic.comments
    @LowercaseUUID public var commentId: UUID
    @LowercaseUUID public var postId: UUID
    public var version: Int64
    public var key: String { postId.lowercased }
    public var subject: String { commentId.lowercased }

    public init(commentId: UUID, postId: UUID, version: Int64) {
        self.commentId = commentId
        self.postId = postId
        self.version = version
    }
}
