import Foundation
import InkwellCore

/// A post in lists (API.md): `{id, slug, title, excerpt, publishedAt, authorId, tags, coverImageUrl}`.
public struct PostSummary: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var slug: String
    public var title: String
    public var excerpt: String
    @Nullable public var publishedAt: Date?
    @LowercaseUUID public var authorId: UUID
    public var tags: [TagRef]
    @Nullable public var coverImageUrl: String?

    public init(id: UUID, slug: String, title: String, excerpt: String, publishedAt: Date?, authorId: UUID, tags: [TagRef], coverImageUrl: String?) {
        self.id = id
        self.slug = slug
        self.title = title
        self.excerpt = excerpt
        self.publishedAt = publishedAt
        self.authorId = authorId
        self.tags = tags
        self.coverImageUrl = coverImageUrl
    }
}
