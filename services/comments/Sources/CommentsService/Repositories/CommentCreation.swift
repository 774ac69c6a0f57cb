import InkwellContracts

/// The outcome of ``CommentRepository/create(_:onPostSlug:by:)``.
public enum CommentCreation: Sendable, Equatable {
    case created(Comment)
    /// No published, not deleted post has that slug (404).
    case postNotFound
    /// `parentId` names no live comment of the same post (422 naming `parentId`).
    case invalidParent(String)
}
