/// A tag with the number of published posts carrying it (API.md `GET /api/v1/tags`):
/// `{name, slug, postCount}`.
public struct TagCount: Codable, Sendable, Equatable {
    public var name: String
    public var slug: String
    public var postCount: Int

    public init(name: String, slug: String, postCount: Int) {
        self.name = name
        self.slug = slug
        self.postCount = postCount
    }
}
