import Foundation
import InkwellContracts

/// How the parts of a post read come together, without I/O: what each part found (nil: the
/// service had no answer in time) in, the composed shape and the services missing out.
public enum PostComposition {
    /// Summaries with `author` and `commentCount`; `users` nil degrades `users` (authors null),
    /// `counts` nil degrades `comments` (counts null).
    public static func summaries(_ items: [PostSummary], users: [UUID: PublicUser]?, counts: [UUID: Int]?) -> ([ComposedPostSummary], Degradation) {
        var degradation = Degradation()
        let authors = degradation.require(users, from: .users) ?? [:]
        let counted = degradation.require(counts, from: .comments)
        let composed = items.map { item in
            ComposedPostSummary(summary: item, author: authors[item.authorId], commentCount: counted.map { $0[item.id] ?? 0 })
        }
        return (composed, degradation)
    }

    /// A post with `author`, `commentCount` and its first page of comments, every commenter
    /// attached from the same `users`. A missing comments part degrades `comments` (count null,
    /// `comments` empty); so does a missing count.
    public static func post(_ post: Post, users: [UUID: PublicUser]?, commentCount: Int?, comments: CommentsPart) -> (ComposedPost, Degradation) {
        var degradation = Degradation()
        let authors = degradation.require(users, from: .users) ?? [:]
        if comments.isMissing || commentCount == nil { degradation.record(.comments) }
        var page = Page<ComposedComment>(items: [])
        if case .page(let found) = comments {
            page = Page(items: CommentAuthorship.compose(found.items, users: authors), nextCursor: found.nextCursor)
        }
        let composed = ComposedPost(post: post, author: authors[post.authorId], commentCount: comments.isMissing ? nil : commentCount, comments: page)
        return (composed, degradation)
    }

    /// The count a comments thread answer's `X-Inkwell-Comment-Count` carries: a non-negative
    /// integer, or nil (absent or malformed: then the count is asked for on its own).
    public static func commentCount(header: String?) -> Int? {
        guard let header, let count = Int(header), count >= 0 else { return nil }
        return count
    }

    /// The users to ask for a post read: its author and every commenter, once each.
    public static func userIds(of post: Post, comments: CommentsPart) -> [UUID] {
        CommentAuthorship.distinct([post.authorId] + CommentAuthorship.authorIds(of: comments.comments))
    }
}
