import Foundation
import InkwellCore

/// `inkwell.blog.post.unpublished.v1`: a published post went back to draft.
public struct PostUnpublished: InkwellEvent, Equatable {
    public static let type = "inkwell.blog.post.unpublished.v1"
    public static let topic = EventTopic.blog
    @LowercaseUUID public var postId: UUID
    public var slug: String
    public var version: Int64
    public var key: String { postId.lowercased }
    public var subject: String { postId.lowercased }

    public init(postId: UUID, slug: String, version: Int64) {
        self.postId = postId
        self.slug = slug
        self.version = version
    }
}
