import Foundation
import InkwellContracts

/// What a composed answer shows, as ``CacheTag``s: every post and every user in it.
public enum CompositionTags {
    /// A post of a list, or the post of a page: it and its author.
    public static func summaries(_ items: some Sequence<PostSummary>) -> Set<CacheTag> {
        var tags = Set<CacheTag>()
        for item in items {
            tags.insert(.post(item.id))
            tags.insert(.user(item.authorId))
        }
        return tags
    }

    /// Every commenter of a tree and the posts its comments belong to.
    public static func comments(_ comments: [Comment]) -> Set<CacheTag> {
        var tags = Set<CacheTag>()
        func visit(_ comment: Comment) {
            tags.insert(.user(comment.authorId))
            tags.insert(.post(comment.postId))
            comment.replies.forEach(visit)
        }
        comments.forEach(visit)
        return tags
    }

    /// A thread read's tags (`GET /api/v1/posts/{slug}/comments`): its slug, the post the
    /// comments service resolved the slug to (its `X-Inkwell-Post-Id`), and every comment's post
    /// and commenter. Comment events name the post by id only, so an answer that names no post
    /// (an empty page without the header) could never be dropped by the post's first comment:
    /// nil, not to be kept.
    public static func thread(slug: String, postId: UUID?, comments: [Comment]) -> Set<CacheTag>? {
        var tags = Self.comments(comments)
        if let postId { tags.insert(.post(postId)) }
        guard tags.contains(where: { if case .post = $0 { true } else { false } }) else { return nil }
        tags.insert(.postSlug(slug))
        return tags
    }

    /// The filters of a feed read: `?tag=` and `?author=`.
    public static func feedFilters(tag: String?, author: String?) -> Set<CacheTag> {
        var tags: Set<CacheTag> = [.lists]
        if let tag { tags.insert(.tag(tag)) }
        if let author { tags.insert(.username(author)) }
        return tags
    }
}
