import InkwellCore

/// `inkwell.blog.post.updated.v1`: a published post changed (sent only for published posts);
/// `previousSlug` when the slug changed.
public struct PostUpdated: InkwellEvent, Equatable {
    public static let type = "inkwell.blog.post.updated.v1"
    public static let topic = EventTopic.blog
    public var post: PostSnapshot
    public var previousSlug: String?
    public var version: Int64
    public var key: String { post.id.lowercased }
    public var subject: String { post.id.lowercased }

    public init(post: PostSnapshot, previousSlug: String? = nil, version: Int64) {
        self.post = post
        self.previousSlug = previousSlug
        self.version = version
    }
}
