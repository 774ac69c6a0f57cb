import GatewayService
import Testing

@Suite struct RouteMapTests {
    let map = RouteMap()

    @Test(arguments: [
        ("/api/v1/auth/register", Upstream.users), ("/api/v1/auth/login", .users), ("/api/v1/users/me", .users),
        ("/.well-known/jwks.json", .users), ("/api/v1/posts", .blog), ("/api/v1/posts/hello", .blog),
        ("/api/v1/posts/hello/comments", .comments), ("/api/v1/comments/1/approve", .comments),
        ("/api/v1/moderation/comments", .comments), ("/api/v1/tags", .blog), ("/api/v1/search", .blog), ("/api/v1/media", .blog),
    ])
    func routesPublicPaths(path: String, upstream: Upstream) {
        #expect(map.upstream(for: path) == upstream)
    }

    @Test(arguments: ["/internal/v1/users", "/api/v2/posts", "/api/v1/unknown", "/", "/.well-known/other", "/api/v1", "/api"])
    func routesNothingElse(path: String) {
        #expect(map.upstream(for: path) == nil)
    }

    @Test func composedEndpoints() {
        #expect(map.isComposed(method: "GET", path: "/api/v1/users/grace"))
        #expect(!map.isComposed(method: "GET", path: "/api/v1/users/me"))
        #expect(!map.isComposed(method: "PUT", path: "/api/v1/users/grace"))
        #expect(!map.isComposed(method: "GET", path: "/api/v1/users/grace/roles"))
    }
}
