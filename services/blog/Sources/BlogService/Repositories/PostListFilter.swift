/// `GET /api/v1/posts?tag=&author=`: a tag slug and an author's username, each optional.
public struct PostListFilter: Sendable, Hashable {
    public var tag: String?
    public var author: String?

    public init(tag: String? = nil, author: String? = nil) {
        self.tag = tag
        self.author = author
    }
}
