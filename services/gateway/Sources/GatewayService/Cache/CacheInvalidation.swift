import Foundation
import InkwellContracts
import InkwellCore

/// Which cached answers an event of EVENTS.md changes, as ``CacheTag``s. A decision without
/// I/O: ``tags(type:data:)`` decodes the record value of any event type.
///
/// - Post published, updated, unpublished, deleted: the post (its page and every list item
///   showing it), its slug (and the previous one of a rename), the lists filtered by its tags,
///   every list (membership, order, excerpts), and its author (the profile's recent posts).
/// - Comment events: the post (its count and its tree).
/// - User events: the user (as author, commenter, profile) and its username (a profile or
///   `?author=` read by name, found or not).
public struct CacheInvalidation: Sendable, Equatable {
    public var tags: Set<CacheTag>

    public init(tags: Set<CacheTag>) { self.tags = tags }

    public static func post(_ snapshot: PostSnapshot, previousSlug: String? = nil) -> Self {
        var tags: Set<CacheTag> = [.post(snapshot.id), .postSlug(snapshot.slug), .lists, .user(snapshot.authorId)]
        if let previousSlug { tags.insert(.postSlug(previousSlug)) }
        for tag in snapshot.tags { tags.insert(.tag(tag.slug)) }
        return Self(tags: tags)
    }

    public static func event(_ event: PostPublished) -> Self { post(event.post) }
    public static func event(_ event: PostUpdated) -> Self { post(event.post, previousSlug: event.previousSlug) }
    /// The event has no tags nor author: the post tag and `lists` reach every list showing it
    /// (each list item carries its post's tag), and the profile's recent posts are a list.
    public static func event(_ event: PostUnpublished) -> Self { Self(tags: [.post(event.postId), .postSlug(event.slug), .lists]) }
    public static func event(_ event: PostDeleted) -> Self {
        Self(tags: [.post(event.postId), .postSlug(event.slug), .lists, .user(event.authorId)])
    }
    public static func event(_ event: CommentCreated) -> Self { Self(tags: [.post(event.comment.postId)]) }
    public static func event(_ event: CommentUpdated) -> Self { Self(tags: [.post(event.comment.postId)]) }
    public static func event(_ event: CommentApproved) -> Self { Self(tags: [.post(event.postId)]) }
    public static func event(_ event: CommentRejected) -> Self { Self(tags: [.post(event.postId)]) }
    public static func event(_ event: CommentDeleted) -> Self { Self(tags: [.post(event.postId)]) }
    public static func event(_ event: UserRegistered) -> Self { Self(tags: [.user(event.userId), .username(event.username)]) }
    public static func event(_ event: UserUpdated) -> Self { Self(tags: [.user(event.userId), .username(event.username)]) }
    /// The username is not in the event; the user's answers by name carry its id too.
    public static func event(_ event: UserDeleted) -> Self { Self(tags: [.user(event.userId)]) }
    /// Nothing public shows roles or verification.
    public static func event(_ event: UserRolesChanged) -> Self { Self(tags: []) }
    public static func event(_ event: UserVerified) -> Self { Self(tags: []) }

    /// The invalidation of a record value (a CloudEvent in JSON).
    /// - Returns: nil for an event type this version does not know (a newer producer): the
    ///   caller drops everything rather than guess.
    /// - Throws: the decoding error of a value that is not a valid event of its type.
    public static func decode(_ value: [UInt8]) throws -> Self? {
        let data = Data(value)
        let envelope = try InkwellJSON.decoder.decode(CloudEventEnvelope.self, from: data)
        func payload<E: InkwellEvent>(_: E.Type) throws -> E { try InkwellJSON.decoder.decode(CloudEvent<E>.self, from: data).data }
        switch envelope.type {
        case PostPublished.type: return event(try payload(PostPublished.self))
        case PostUpdated.type: return event(try payload(PostUpdated.self))
        case PostUnpublished.type: return event(try payload(PostUnpublished.self))
        case PostDeleted.type: return event(try payload(PostDeleted.self))
        case CommentCreated.type: return event(try payload(CommentCreated.self))
        case CommentUpdated.type: return event(try payload(CommentUpdated.self))
        case CommentApproved.type: return event(try payload(CommentApproved.self))
        case CommentRejected.type: return event(try payload(CommentRejected.self))
        case CommentDeleted.type: return event(try payload(CommentDeleted.self))
        case UserRegistered.type: return event(try payload(UserRegistered.self))
        case UserUpdated.type: return event(try payload(UserUpdated.self))
        case UserDeleted.type: return event(try payload(UserDeleted.self))
        case UserRolesChanged.type: return event(try payload(UserRolesChanged.self))
        case UserVerified.type: return event(try payload(UserVerified.self))
        default: return nil
        }
    }
}
