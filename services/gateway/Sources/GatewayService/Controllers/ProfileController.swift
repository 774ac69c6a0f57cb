import Foundation
import HTTPTypes
import Hummingbird
import InkwellContracts
import InkwellCore
import InkwellHTTPClient
import InkwellServiceKit

/// `GET /api/v1/users/{username}`: the public user from the users service plus `recentPosts`
/// (up to 10 post summaries) from the blog service, fetched concurrently. When the blog cannot
/// answer, the profile still comes back (degraded) with an empty list and
/// `X-Inkwell-Degraded: blog`; when the users service cannot, its answer (or a 503) is passed on.
public struct ProfileController: Sendable {
    let upstreams: UpstreamClient
    let cache: ResponseCache?

    public init(upstreams: UpstreamClient, cache: ResponseCache? = nil) {
        self.upstreams = upstreams
        self.cache = cache
    }

    public func register(on routes: RouteTable) {
        routes.on("/api/v1/users/{username}", .get) { request, context in
            guard let cache else { return try await self.show(request, context: context).response }
            return try await cache.read(request, context: context) { try await self.show(request, context: context) }
        }
    }

    func show(_ request: Request, context: InkwellRequestContext) async throws -> CacheableResponse {
        // The segment as the client sent it: already a valid path segment (no `/`, `?`, `#`, and
        // no dot segment past SafePathMiddleware), so it goes on to the users service unchanged.
        let username = try context.parameters.require("username")
        let author = QueryValue.encode(username)
        async let userCall = upstreams.send(.users, method: "GET", pathAndQuery: "/api/v1/users/\(username)", headers: request.headers, body: nil, context: context)
        async let postsCall = try? upstreams.send(.blog, method: "GET", pathAndQuery: "/api/v1/posts?author=\(author)&limit=10", headers: request.headers, body: nil, context: context)
        let userResponse = try await userCall
        // Tagged by name (a registration or erasure of it) and, once known, by id and the posts shown.
        var tags: Set<CacheTag> = [.username(username), .lists]
        guard userResponse.status == 200, let user = try? InkwellJSON.decoder.decode(PublicUser.self, from: Data(userResponse.body)) else {
            return CacheableResponse(
                status: .init(code: userResponse.status), headers: ProxyController.relayedHeaders(userResponse),
                body: ByteBuffer(bytes: userResponse.body), tags: tags, isCacheable: userResponse.status == 404)
        }
        tags.insert(.user(user.id))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        var recentPosts: [PostSummary] = []
        if let posts = await postsCall, posts.status == 200,
           let page = try? InkwellJSON.decoder.decode(Page<PostSummary>.self, from: Data(posts.body)) {
            recentPosts = page.items
        } else {
            headers[.inkwellDegraded] = "blog"
        }
        for post in recentPosts { tags.insert(.post(post.id)) }
        let body = try InkwellJSON.responseEncoder.encode(PublicProfile(user: user, recentPosts: recentPosts))
        return CacheableResponse(
            status: .ok, headers: headers, body: ByteBuffer(bytes: body), tags: tags, isCacheable: headers[.inkwellDegraded] == nil)
    }
}

extension HTTPField.Name {
    /// Names the services a composed answer had to do without.
    static let inkwellDegraded = Self("X-Inkwell-Degraded")!
}
