import Foundation
import InkwellContracts
import InkwellCore

/// What an event changed, as far as the pages care: the renderer re-reads the current state of
/// what it names and re-renders the pages ``PageImpact`` derives from it.
public enum SiteChange: Hashable, Sendable {
    /// A post was published, updated, unpublished or deleted (and perhaps renamed).
    case post(UUID)
    /// A comment of the post was created, approved, edited, rejected or deleted.
    case comments(postId: UUID)
    /// A user's public profile changed or the user was deleted.
    case user(UUID)

    /// The change an event stands for; nil for events no page shows (registrations, roles).
    public static func of(type: String, data: Data) -> SiteChange? {
        let decoder = InkwellJSON.decoder
        func decode<Event: InkwellEvent>(_ event: Event.Type) -> Event? {
            try? decoder.decode(CloudEvent<Event>.self, from: data).data
        }
        switch type {
        case PostPublished.type: return decode(PostPublished.self).map { .post($0.post.id) }
        case PostUpdated.type: return decode(PostUpdated.self).map { .post($0.post.id) }
        case PostUnpublished.type: return decode(PostUnpublished.self).map { .post($0.postId) }
        case PostDeleted.type: return decode(PostDeleted.self).map { .post($0.postId) }
        case CommentCreated.type: return decode(CommentCreated.self).map { .comments(postId: $0.comment.postId) }
        case CommentApproved.type: return decode(CommentApproved.self).map { .comments(postId: $0.postId) }
        case CommentUpdated.type: return decode(CommentUpdated.self).map { .comments(postId: $0.comment.postId) }
        case CommentRejected.type: return decode(CommentRejected.self).map { .comments(postId: $0.postId) }
        case CommentDeleted.type: return decode(CommentDeleted.self).map { .comments(postId: $0.postId) }
        case UserUpdated.type: return decode(UserUpdated.self).map { .user($0.userId) }
        case UserDeleted.type: return decode(UserDeleted.self).map { .user($0.userId) }
        default: return nil
        }
    }
}
