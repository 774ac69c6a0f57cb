import Foundation
import InkwellCore

/// A whole post (API.md "Posts and tags").
public struct Post: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var slug: String
    public var title: String
    public var excerpt: String
    public var bodyMarkdown: String
    /// Rendered and sanitised by the blog service on write.
    public var bodyHtml: String
    public var status: PostStatus
    @Nullable public var publishedAt: Date?
    @Nullable public var publishAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    @LowercaseUUID public var authorId: UUID
    public var tags: [TagRef]
    @Nullable public var coverImageUrl: String?
    public var version: Int64

    public init(
        id: UUID, slug: String, title: String, excerpt: String, bodyMarkdown: String, bodyHtml: String, status: PostStatus,
        publishedAt: Date?, publishAt: Date?, createdAt: Date, updatedAt: Date, authorId: UUID, tags: [TagRef],
        coverImageUrl: String?, version: Int64
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.excerpt = excerpt
        self.bodyMarkdown = bodyMarkdown
        self.bodyHtml = bodyHtml
        self.status = status
        self.publishedAt = publishedAt
        self.publishAt = publishAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.authorId = authorId
        self.tags = tags
        self.coverImageUrl = coverImageUrl
        self.version = version
    }

    /// The summary shown in lists.
    public var summary: PostSummary {
        PostSummary(id: id, slug: slug, title: title, excerpt: excerpt, publishedAt: publishedAt, authorId: authorId, tags: tags, coverImageUrl: coverImageUrl)
    }
}
