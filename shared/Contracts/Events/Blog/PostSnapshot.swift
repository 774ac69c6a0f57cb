import Foundation
import InkwellCore

/// The post as post events carry it: the summary plus `status` and `updatedAt` (EVENTS.md).
public struct PostSnapshot: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var slug: String
    public var title: String
    public var excerpt: String
    @Nullable public var publishedAt: Date?
    @LowercaseUUID public var authorId: UUID
    public var tags: [TagRef]
    @Nullable public var coverImageUrl: String?
    public var status: PostStatus
    public var updatedAt: Date

    public init(summary: PostSummary, status: PostStatus, updatedAt: Date) {
        id = summary.id
        slug = summary.slug
        title = summary.title
        excerpt = summary.excerpt
        publishedAt = summary.publishedAt
        authorId = summary.authorId
        tags = summary.tags
        coverImageUrl = summary.coverImageUrl
        self.status = status
        self.updatedAt = updatedAt
    }

    /// The snapshot of `post` as it is now.
    public init(post: Post) {
        self.init(summary: post.summary, status: post.status, updatedAt: post.updatedAt)
    }

    /// The summary part.
    public var summary: PostSummary {
        PostSummary(id: id, slug: slug, title: title, excerpt: excerpt, publishedAt: publishedAt, authorId: authorId, tags: tags, coverImageUrl: coverImageUrl)
    }
}
