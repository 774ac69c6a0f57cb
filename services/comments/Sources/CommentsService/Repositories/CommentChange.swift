import InkwellContracts

/// The outcome of an edit or a moderation of one comment.
public enum CommentChange: Sendable, Equatable {
    /// The comment as it now is (unchanged when the same moderation was repeated).
    case changed(Comment)
    /// Unknown, deleted, or on a deleted post (404).
    case notFound
    /// The caller may not do this to this comment (403).
    case forbidden
}
