import InkwellCore

/// `inkwell.comments.comment.updated.v1`. Key: the post id; subject: the comment id.
public struct CommentUpdated: InkwellEvent, Equatable {
    public static let type = "inkwell.comments.comment.updated.v1"
    public static let topic = EventTopic.comments
    public var comment: CommentSnapshot
    public var version: Int64
    public var key: String { comment.postId.lowercased }
    public var subject: String { comment.id.lowercased }

    public init(comment: CommentSnapshot, version: Int64) {
        self.comment = comment
        self.version = version
    }
}
