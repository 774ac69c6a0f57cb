import InkwellContracts

/// The outcome of a conditional write of a post.
public enum PostWriteOutcome: Sendable, Equatable {
    /// Written: the post as it is now (for a delete, as it was).
    case written(Post)
    /// Someone changed the post first: its current version.
    case versionMismatch(current: Int64)
    /// The post is gone.
    case notFound
}
