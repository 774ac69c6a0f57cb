import Foundation
import InkwellCore

/// What a successful write that passed through this gateway changes, as ``CacheTag``s, so that
/// this replica drops those answers at once instead of when the write's event arrives (tens of
/// milliseconds later): whoever wrote, and then reads anonymously here, sees the change. Other
/// replicas learn it from the event. A decision on the method, path, status and answer, no I/O.
///
/// - under `/api/v1/posts` (create, edit, delete, and a post's comments): the slug of the path,
///   every list, and from the answer the post's id, its slug, its tags and its author; a comment
///   answer names its post;
/// - `/api/v1/comments/...` (edit, moderation): the post of the comment in the answer;
/// - `/api/v1/users/me`: the user in the answer (id and username).
/// A `DELETE` answers 204 without a body: what its path names is dropped, the rest waits for the
/// event (its writer reads with `Authorization`, which the cache never serves).
enum WriteInvalidation {
    static func tags(method: String, path: String, status: Int, body: [UInt8]) -> Set<CacheTag> {
        guard method != "GET", method != "HEAD", (200..<300).contains(status) else { return [] }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.count >= 3, segments[0] == "api", segments[1] == "v1" else { return [] }
        var tags = Set<CacheTag>()
        let answer = body.isEmpty ? nil : try? InkwellJSON.decoder.decode(Answer.self, from: Data(body))
        switch segments[2] {
        case "posts":
            tags.insert(.lists)
            if segments.count >= 4 { tags.insert(.postSlug(String(segments[3]))) }
        case "comments", "users":
            break
        default:
            return []
        }
        if let answer {
            if let postId = answer.postId { tags.insert(.post(postId)) }
            if segments[2] == "posts", answer.postId == nil, let id = answer.id {
                tags.insert(.post(id))
                if let slug = answer.slug { tags.insert(.postSlug(slug)) }
                if let author = answer.authorId { tags.insert(.user(author)) }
                for tag in answer.tags ?? [] { tags.insert(.tag(tag.slug)) }
            }
            if segments[2] == "users", let id = answer.id {
                tags.insert(.user(id))
                if let username = answer.username { tags.insert(.username(username)) }
            }
        }
        return tags
    }

    /// The fields of a post, comment or user answer that name what it changed.
    private struct Answer: Decodable {
        struct Tag: Decodable { var slug: String }
        var id: UUID?
        var postId: UUID?
        var slug: String?
        var authorId: UUID?
        var tags: [Tag]?
        var username: String?
    }
}
