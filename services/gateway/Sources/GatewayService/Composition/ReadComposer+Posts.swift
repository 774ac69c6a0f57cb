import Foundation
import HTTPTypes
import Hummingbird
import InkwellContracts
import InkwellCore
import InkwellServiceKit

extension ReadComposer {
    /// The share of a post read's deadline its thread may take; the rest is the second round's
    /// (users and the count).
    static let threadShareOfDeadline = 0.6

    /// `GET /api/v1/posts` (`?tag=`, `?author=`, cursors): the blog's page, each summary with
    /// `author` and `commentCount`.
    public func feed(_ request: Request, context: InkwellRequestContext) async throws -> CacheableResponse {
        let call = call(context)
        let parameters = request.uri.queryParameters
        let filters = CompositionTags.feedFilters(tag: parameters.get("tag"), author: parameters.get("author"))
        let response = try await upstreams.send(.blog, method: "GET", pathAndQuery: Self.pathAndQuery(request), headers: request.headers, call: call)
        guard CriticalAnswer(status: response.status) == .compose else { return ComposedAnswer.passOn(response, tags: filters) }
        let page = try decode(Page<PostSummary>.self, response, from: .blog, call: call)
        let (items, degradation) = await summaries(page.items, call: call)
        return try ComposedAnswer.json(
            Page(items: items, nextCursor: page.nextCursor), tags: filters.union(CompositionTags.summaries(page.items)), degradation: degradation
        )
    }

    /// `GET /api/v1/posts/{slug}`: the post (with the client's headers: drafts for their
    /// author) and the first page of its comments at once, then its author with every
    /// commenter (one users call) and its comment count at once. An old slug's 301 is passed
    /// on at the gateway's URL.
    public func post(_ request: Request, context: InkwellRequestContext) async throws -> CacheableResponse {
        let slug = try context.parameters.require("slug")
        let call = call(context)
        let slugTags: Set<CacheTag> = [.postSlug(slug)]
        // The thread is public: the client's credentials stay out of it. It gets a part of the
        // deadline only, so that a frozen comments service leaves time for the users call after it.
        var threadCall = call
        threadCall.deadline = .now + upstreams.timeout * Self.threadShareOfDeadline
        async let thread = attempt("comments", call: threadCall) {
            try await upstreams.send(.comments, method: "GET", pathAndQuery: "/api/v1/posts/\(slug)/comments", call: threadCall)
        }
        let response = try await upstreams.send(.blog, method: "GET", pathAndQuery: "/api/v1/posts/\(slug)", headers: request.headers, call: call)
        switch CriticalAnswer(status: response.status) {
        case .redirect: return ComposedAnswer.redirect(response, to: redirects, query: request.uri.query, tags: slugTags)
        case .passOn: return ComposedAnswer.passOn(response, tags: slugTags)
        case .compose: break
        }
        let post = try decode(Post.self, response, from: .blog, call: call)
        let threadAnswer = await thread
        let comments = CommentsPart(
            status: threadAnswer?.status,
            page: threadAnswer.flatMap { $0.status == 200 ? try? InkwellJSON.decodeFast(Page<Comment>.self, from: $0.body) : nil }
        )
        let userIds = PostComposition.userIds(of: post, comments: comments)
        let postId = post.id
        async let users = attempt("authors", call: call) { try await reads.users(ids: userIds, call: call) }
        // The thread's answer carries the count; without it (none in time: the comments service is
        // down, so no second wait for it) the count is missing, and only an answer without the
        // header (an older comments service) asks for it.
        let threadCount = PostComposition.commentCount(header: threadAnswer?.header(HTTPField.Name.inkwellCommentCount.canonicalName))
        async let counts = comments.isMissing || threadCount != nil
            ? nil : attempt("comment count", call: call) { try await reads.commentCounts(postIds: [postId], call: call) }
        let asked = await counts
        let commentCount = threadCount ?? asked?[postId]
        let (composed, degradation) = PostComposition.post(post, users: await users, commentCount: commentCount, comments: comments)
        var tags = slugTags.union(CompositionTags.comments(comments.comments))
        tags.insert(.post(post.id))
        tags.insert(.user(post.authorId))
        return try ComposedAnswer.json(composed, tags: tags, degradation: degradation, eTag: response.header("ETag"))
    }

    /// `GET /api/v1/posts/{slug}/comments`: the comments service's page, every comment and
    /// reply with its `author`.
    public func comments(_ request: Request, context: InkwellRequestContext) async throws -> CacheableResponse {
        let slug = try context.parameters.require("slug")
        let call = call(context)
        let slugTags: Set<CacheTag> = [.postSlug(slug)]
        let response = try await upstreams.send(.comments, method: "GET", pathAndQuery: Self.pathAndQuery(request), headers: request.headers, call: call)
        guard CriticalAnswer(status: response.status) == .compose else {
            var answer = ComposedAnswer.passOn(response, tags: slugTags)
            // A 404 is the comments service not knowing the post as published, possibly not yet:
            // its projection follows the blog's events, and no event tells the gateway when it has
            // caught up, so a 404 kept now could outlive the post's publication until the TTL.
            if response.status == 404 { answer.isCacheable = false }
            return answer
        }
        let page = try decode(Page<Comment>.self, response, from: .comments, call: call)
        let ids = CommentAuthorship.authorIds(of: page.items)
        var degradation = Degradation()
        let users = degradation.require(await attempt("authors", call: call) { try await reads.users(ids: ids, call: call) }, from: .users) ?? [:]
        let composed = Page(items: CommentAuthorship.compose(page.items, users: users), nextCursor: page.nextCursor)
        let postId = response.header(HTTPField.Name.inkwellPostId.canonicalName).flatMap(UUID.init(uuidString:))
        let tags = CompositionTags.thread(slug: slug, postId: postId, comments: page.items)
        var answer = try ComposedAnswer.json(composed, tags: tags ?? slugTags, degradation: degradation)
        if tags == nil { answer.isCacheable = false }
        return answer
    }
}
