import Foundation
import InkwellCore

/// `inkwell.blog.post.deleted.v1`.
public struct PostDeleted: InkwellEvent, Equatable {
    public static let type = "inkwell.blog.post.deleted.v1"
    public static let topic = EventTopic.blog
    @LowercaseUUID public var postId: UUID
    public var slug: String
    @LowercaseUUID public var authorId: UUID
    public var version: Int64
    public var key: String { postId.lowercased }
    public var subject: String { postId.lowercased }

    public init(postId: UUID, slug: String, authorId: UUID, version: Int64) {
        self.postId = postId
        self.slug = slug
        self.authorId = authorId
        self.version = version
    }
}
