/// The outcome of ``CommentRepository/delete(id:by:)``.
public enum CommentDeletion: Sendable, Equatable {
    case deleted(CommentRemoval)
    /// Unknown, already deleted, or on a deleted post (404).
    case notFound
    /// Neither its author nor a moderator (403).
    case forbidden
}
