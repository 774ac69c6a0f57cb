import Foundation

/// What a cached answer shows, so that an event can drop exactly the answers it changes
/// (``CacheableResponse/tags``). A composer tags every post, user and list it puts in an answer;
/// the invalidation maps each event to the tags it affects.
public enum CacheTag: Hashable, Sendable {
    /// A post shown (its page, or one item of a list): its content, author, count or comments.
    case post(UUID)
    /// A read by slug, found or not: a post published or renamed under that slug changes it.
    case postSlug(String)
    /// A user shown: as an author, a commenter or a profile.
    case user(UUID)
    /// A read by username, found or not (a profile, `?author=`): a registration or erasure of
    /// that name changes it.
    case username(String)
    /// A list filtered by this tag slug (`?tag=`).
    case tag(String)
    /// Every list whose membership or order a post's publication, unpublication, deletion or
    /// re-tagging changes: the feed and its pages, tags, search, recent posts.
    case lists
}
