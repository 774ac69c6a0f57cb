import Foundation

/// A post as the comments service's projection knows it (from blog events).
public struct ProjectedPost: Sendable, Equatable {
    public var id: UUID
    public var authorId: UUID
    /// The version of the post's comments (`comment_threads`): it moves with every write of one.
    public var commentsVersion: Int64

    public init(id: UUID, authorId: UUID, commentsVersion: Int64 = 0) {
        self.id = id
        self.authorId = authorId
        self.commentsVersion = commentsVersion
    }
}
