/// A tag on a post: `{name, slug}`.
public struct TagRef: Codable, Sendable, Hashable {
    public var name: String
    public var slug: String
    public init(name: String, slug: String) {
        self.name = name
        self.slug = slug
    }
}
