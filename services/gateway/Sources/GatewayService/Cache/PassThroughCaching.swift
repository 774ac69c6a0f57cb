import Foundation
import InkwellCore

/// Which passed-through public reads the cache keeps, and with which ``CacheTag``s: a decision
/// on the path, the query and the service's answer, without I/O.
///
/// - `/api/v1/posts` (the feed, `?tag=`, `?author=`), `/api/v1/tags`, `/api/v1/search`: `lists`
///   (plus the tag or the username filtered by).
/// - `/api/v1/posts/{slug}`: the slug, and the post's id from the answer.
/// - `/api/v1/posts/{slug}/comments`: the slug and the post id of the comments shown; an empty
///   page names no post, so a comment event could not reach it: not kept.
/// Only complete answers (200, 301) are kept; never a 404 (see ``ComposedAnswer``).
enum PassThroughCaching {
    enum Read: Equatable {
        case list(Set<CacheTag>)
        case post(slug: String)
        case comments(slug: String)
    }

    /// The read a path is, or nil when the path is not a cached public read.
    static func read(path: String, query: String?) -> Read? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        // "", "api", "v1", ...
        guard segments.count >= 4, segments[0].isEmpty, segments[1] == "api", segments[2] == "v1" else { return nil }
        let rest = segments.dropFirst(3)
        switch (rest.first!, rest.count) {
        case ("posts", 1):
            var tags: Set<CacheTag> = [.lists]
            for (name, value) in parameters(query) {
                if name == "tag" { tags.insert(.tag(value)) }
                if name == "author" { tags.insert(.username(value)) }
            }
            return .list(tags)
        case ("tags", 1), ("search", 1):
            return .list([.lists])
        case ("posts", 2) where !rest.last!.isEmpty:
            return .post(slug: String(rest.last!))
        case ("posts", 3) where rest[rest.startIndex + 2] == "comments" && !rest[rest.startIndex + 1].isEmpty:
            return .comments(slug: String(rest[rest.startIndex + 1]))
        default:
            return nil
        }
    }

    /// The answer as the cache keeps it: tagged, and cacheable only when complete and taggable.
    static func response(for read: Read, status: Int, body: [UInt8]) -> (tags: Set<CacheTag>, isCacheable: Bool) {
        let complete = status == 200 || status == 301
        switch read {
        case .list(let tags):
            return (tags, complete)
        case .post(let slug):
            var tags: Set<CacheTag> = [.postSlug(slug)]
            guard status == 200 else { return (tags, complete) }
            guard let post = try? InkwellJSON.decoder.decode(Identified.self, from: Data(body)) else { return (tags, false) }
            tags.insert(.post(post.id))
            return (tags, true)
        case .comments(let slug):
            var tags: Set<CacheTag> = [.postSlug(slug)]
            guard status == 200 else { return (tags, false) }
            guard let page = try? InkwellJSON.decoder.decode(CommentItems.self, from: Data(body)), !page.items.isEmpty else {
                return (tags, false)
            }
            for comment in page.items { tags.insert(.post(comment.postId)) }
            return (tags, true)
        }
    }

    static func parameters(_ query: String?) -> [(Substring, String)] {
        guard let query else { return [] }
        return query.split(separator: "&").map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return (pair, "") }
            let value = pair[pair.index(after: equals)...]
            return (pair[..<equals], value.removingPercentEncoding ?? String(value))
        }
    }

    private struct Identified: Decodable { var id: UUID }
    private struct CommentItems: Decodable {
        struct Item: Decodable { var postId: UUID }
        var items: [Item]
    }
}
