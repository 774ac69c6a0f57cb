import InkwellCore

/// `inkwell.blog.post.published.v1`: a post became visible (at once or at its `publishAt`). Key: the post id.
public struct PostPublished: InkwellEvent, Equatable {
    public static let type = "inkwell.blog.post.published.v1"
    public static let topic = EventTopic.blog
    public var post: PostSnapshot
    public var version: Int64
    public var key: String { post.id.lowercased }
    public var subject: String { post.id.lowercased }

    public init(post: PostSnapshot, version: Int64) {
        self.post = post
        self.version = version
    }
}
