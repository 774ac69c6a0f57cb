import Foundation
import Hummingbird
import InkwellContracts
import InkwellCore
import InkwellServiceKit

extension ReadComposer {
    /// `GET /api/v1/search`: the blog's ranked hits, each summary with `author` and `commentCount`.
    public func search(_ request: Request, context: InkwellRequestContext) async throws -> CacheableResponse {
        let call = call(context)
        let response = try await upstreams.send(.blog, method: "GET", pathAndQuery: Self.pathAndQuery(request), headers: request.headers, call: call)
        guard CriticalAnswer(status: response.status) == .compose else { return ComposedAnswer.passOn(response, tags: [.lists]) }
        let page = try decode(Page<SearchHit>.self, response, from: .blog, call: call)
        let summaries = page.items.map(\.post)
        let (items, degradation) = await self.summaries(summaries, call: call)
        let hits = zip(items, page.items).map { ComposedSearchHit(post: $0, highlight: $1.highlight) }
        return try ComposedAnswer.json(
            Page(items: hits, nextCursor: page.nextCursor), tags: CompositionTags.summaries(summaries).union([.lists]), degradation: degradation
        )
    }

    /// `GET /api/v1/moderation/comments`: the comments service's queue (a signed-in read: the
    /// client's `Authorization` goes with it), each item with its `author`.
    public func moderation(_ request: Request, context: InkwellRequestContext) async throws -> CacheableResponse {
        let call = call(context)
        let response = try await upstreams.send(.comments, method: "GET", pathAndQuery: Self.pathAndQuery(request), headers: request.headers, call: call)
        guard CriticalAnswer(status: response.status) == .compose else { return ComposedAnswer.passOn(response, tags: []) }
        var page = try decode(Page<ComposedModeratedComment>.self, response, from: .comments, call: call)
        let ids = CommentAuthorship.distinct(page.items.map(\.authorId))
        var degradation = Degradation()
        let users = degradation.require(await attempt("authors", call: call) { try await reads.users(ids: ids, call: call) }, from: .users) ?? [:]
        var tags = Set<CacheTag>()
        for index in page.items.indices {
            page.items[index].author = users[page.items[index].authorId]
            tags.insert(.user(page.items[index].authorId))
            tags.insert(.post(page.items[index].postId))
        }
        return try ComposedAnswer.json(page, tags: tags, degradation: degradation)
    }

    /// `GET /api/v1/users/{username}`: the public user (critical, the users service's public
    /// endpoint) and `recentPosts` (up to 10 summaries, the blog's feed by author) at once; no
    /// blog answer in time leaves the list empty and degrades `blog`.
    public func profile(_ request: Request, context: InkwellRequestContext) async throws -> CacheableResponse {
        // The segment as the client sent it: already a valid path segment (no `/`, `?`, `#`, and
        // no dot segment past SafePathMiddleware), so it goes on to the users service unchanged.
        let username = try context.parameters.require("username")
        let call = call(context)
        let author = QueryValue.encode(username)
        async let posts = attempt("recent posts", call: call) {
            try await upstreams.send(.blog, method: "GET", pathAndQuery: "/api/v1/posts?author=\(author)&limit=10", headers: request.headers, call: call)
        }
        let response = try await upstreams.send(.users, method: "GET", pathAndQuery: "/api/v1/users/\(username)", headers: request.headers, call: call)
        var tags: Set<CacheTag> = [.username(username)]
        guard CriticalAnswer(status: response.status) == .compose else { return ComposedAnswer.passOn(response, tags: tags) }
        let user = try decode(PublicUser.self, response, from: .users, call: call)
        let postsAnswer = await posts
        let recent = postsAnswer.flatMap { $0.status == 200 ? try? InkwellJSON.decodeFast(Page<PostSummary>.self, from: $0.body) : nil }
        var degradation = Degradation()
        let recentPosts = degradation.require(recent?.items, from: .blog) ?? []
        tags.formUnion(CompositionTags.summaries(recentPosts))
        tags.formUnion([.user(user.id), .lists])
        return try ComposedAnswer.json(PublicProfile(user: user, recentPosts: recentPosts), tags: tags, degradation: degradation)
    }
}
