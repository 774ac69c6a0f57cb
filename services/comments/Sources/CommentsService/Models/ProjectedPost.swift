import Foundation

/// A post as the comments service's projection knows it (from blog events).
public struct ProjectedPost: Sendable, Equatable {
    public var id: UUID
    public var authorId: UUID

    public init(id: UUID, authorId: UUID) {
        self.id = id
        self.authorId = authorId
    }
}
