import Foundation
import InkwellContracts

/// How commenters attach to a comment tree: every comment and reply, at any depth, gets its
/// `author` from one batch of users; an id absent from the batch (erased, or no users answer)
/// leaves `author` null.
public enum CommentAuthorship {
    /// The distinct author ids of `comments` and all their replies, in order of first
    /// appearance (depth first), for one users call.
    public static func authorIds(of comments: [Comment]) -> [UUID] {
        var seen = Set<UUID>()
        var ids: [UUID] = []
        func visit(_ comment: Comment) {
            if seen.insert(comment.authorId).inserted { ids.append(comment.authorId) }
            comment.replies.forEach(visit)
        }
        comments.forEach(visit)
        return ids
    }

    /// `comments` with their authors from `users`.
    public static func compose(_ comments: [Comment], users: [UUID: PublicUser]) -> [ComposedComment] {
        comments.map { ComposedComment($0, authors: users) }
    }

    /// `ids` without repeats, in order of first appearance.
    public static func distinct(_ ids: some Sequence<UUID>) -> [UUID] {
        var seen = Set<UUID>()
        return ids.filter { seen.insert($0).inserted }
    }
}
