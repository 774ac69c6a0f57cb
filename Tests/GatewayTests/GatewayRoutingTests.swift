import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InkwellHTTPClient
import Testing

/// Which route answers which request: the router's most specific match decides between the
/// gateway's composed routes and the proxied prefixes (constant > `{parameter}` > `**`).
@Suite struct GatewayRoutingTests {
    static func isProblem(_ response: TestResponse, _ status: HTTPResponse.Status) -> Bool {
        response.status == status && response.headers[.contentType]?.hasPrefix("application/problem+json") == true
    }

    @Test(arguments: [
        ("GET", "/api/v1/auth/register", "http://users.test/api/v1/auth/register"),
        ("POST", "/api/v1/auth/login", "http://users.test/api/v1/auth/login"),
        ("POST", "/api/v1/auth/password-reset/confirm", "http://users.test/api/v1/auth/password-reset/confirm"),
        ("GET", "/.well-known/jwks.json", "http://users.test/.well-known/jwks.json"),
        ("GET", "/api/v1/users/me", "http://users.test/api/v1/users/me"),
        ("PATCH", "/api/v1/users/me", "http://users.test/api/v1/users/me"),
        ("DELETE", "/api/v1/users/me", "http://users.test/api/v1/users/me"),
        ("PUT", "/api/v1/users/grace/roles", "http://users.test/api/v1/users/grace/roles"),
        ("HEAD", "/api/v1/posts", "http://blog.test/api/v1/posts"),
        ("HEAD", "/api/v1/posts?tag=swift&limit=5", "http://blog.test/api/v1/posts?tag=swift&limit=5"),
        ("POST", "/api/v1/posts", "http://blog.test/api/v1/posts"),
        ("HEAD", "/api/v1/posts/hello", "http://blog.test/api/v1/posts/hello"),
        ("PATCH", "/api/v1/posts/hello", "http://blog.test/api/v1/posts/hello"),
        ("GET", "/api/v1/posts/hello/revisions", "http://blog.test/api/v1/posts/hello/revisions"),
        ("HEAD", "/api/v1/posts/hello/comments", "http://comments.test/api/v1/posts/hello/comments"),
        ("POST", "/api/v1/posts/hello/comments?x=1", "http://comments.test/api/v1/posts/hello/comments?x=1"),
        ("GET", "/api/v1/tags", "http://blog.test/api/v1/tags"),
        ("HEAD", "/api/v1/search?q=a%20b", "http://blog.test/api/v1/search?q=a%20b"),
        ("DELETE", "/api/v1/posts/hello/comments", "http://comments.test/api/v1/posts/hello/comments"),
        ("POST", "/api/v1/media", "http://blog.test/api/v1/media"),
        ("PATCH", "/api/v1/comments/42", "http://comments.test/api/v1/comments/42"),
        ("POST", "/api/v1/comments/42/approve", "http://comments.test/api/v1/comments/42/approve"),
        ("HEAD", "/api/v1/moderation/comments?status=pending", "http://comments.test/api/v1/moderation/comments?status=pending"),
    ])
    func proxiesToTheOwningService(method: String, uri: String, expected: String) async throws {
        let upstream = RecordingUpstream()
        try await GatewayHarness.run(upstream: upstream) { client in
            let response = try await client.execute(uri: uri, method: HTTPRequest.Method(method)!)
            #expect(response.status == .ok)
        }
        #expect(upstream.urls == [expected])
        #expect(upstream.requests.first?.method == method)
    }

    @Test func publicProfileIsComposedFromUsersAndBlog() async throws {
        let upstream = RecordingUpstream { request in
            request.url.hasPrefix(GatewayHarness.usersURL)
                ? RecordingUpstream.json(#"{"id": "0193a6d2-5f00-7c21-8e55-0f6f2a9b1c33", "username": "grace", "displayName": "Grace", "bio": "", "createdAt": "2026-11-21T10:00:00.123Z"}"#)
                : RecordingUpstream.json(#"""
                    {"items": [{"id": "0193a6d2-6c1e-7b3f-9a43-5d1e2b0c4f10", "slug": "first", "title": "First", "excerpt": "", "publishedAt": "2026-11-21T10:00:00.123Z",
                                "authorId": "0193a6d2-5f00-7c21-8e55-0f6f2a9b1c33", "tags": [], "coverImageUrl": null}], "nextCursor": null}
                    """#)
        }
        let body = try await GatewayHarness.run(upstream: upstream) { client in
            try await client.execute(uri: "/api/v1/users/grace", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.init("X-Inkwell-Degraded")!] == nil)
                return response.body
            }
        }
        #expect(Set(upstream.urls) == ["http://users.test/api/v1/users/grace", "http://blog.test/api/v1/posts?author=grace&limit=10"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
        #expect(json["username"] as? String == "grace")
        #expect((json["recentPosts"] as? [[String: Any]])?.first?["slug"] as? String == "first")
        #expect(json["createdAt"] as? String == "2026-11-21T10:00:00.123Z")
        #expect((json["recentPosts"] as? [[String: Any]])?.first?.keys.contains("coverImageUrl") == true, "null fields are shown")
    }

    @Test func profileUsernameIsEscapedInTheBlogQuery() async throws {
        let upstream = RecordingUpstream { _ in RecordingUpstream.json(#"{"message": "no"}"#, status: 404) }
        try await GatewayHarness.run(upstream: upstream) { client in
            let status = try await client.execute(uri: "/api/v1/users/a&b=c+d", method: .get).status
            #expect(status == .notFound)
        }
        #expect(Set(upstream.urls) == ["http://users.test/api/v1/users/a&b=c+d", "http://blog.test/api/v1/posts?author=a%26b%3Dc%2Bd&limit=10"])
    }

    @Test(arguments: ["DELETE", "POST", "PATCH", "PUT"])
    func wrongMethodOnTheComposedRouteIs405WithAllow(method: String) async throws {
        let upstream = RecordingUpstream()
        try await GatewayHarness.run(upstream: upstream) { client in
            let response = try await client.execute(uri: "/api/v1/users/grace", method: HTTPRequest.Method(method)!)
            #expect(Self.isProblem(response, .methodNotAllowed))
            #expect(response.headers[.allow] == "GET")
        }
        #expect(upstream.urls.isEmpty)
    }

    @Test(arguments: [
        "/internal/v1/users?ids=1", "/internal/v1/posts", "/api/v2/posts", "/api/v1/unknown", "/api/v1", "/api", "/",
        "/.well-known/other", "/.well-known/jwks.json/x", "/no/such/page", "/users/internal/v1/users",
    ])
    func unknownPathsAre404AndReachNoService(uri: String) async throws {
        let upstream = RecordingUpstream()
        try await GatewayHarness.run(upstream: upstream) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(Self.isProblem(response, .notFound), "\(response.status)")
        }
        #expect(upstream.urls.isEmpty)
    }

    @Test func serviceAnswersArePassedOnWithTheirHeaders() async throws {
        let upstream = RecordingUpstream { _ in
            HTTPClientResponse(
                status: 405,
                headers: [HTTPHeader(name: "Content-Type", value: "application/problem+json"), HTTPHeader(name: "Allow", value: "POST"), HTTPHeader(name: "Set-Cookie", value: "x=1")],
                body: Array(#"{"status": 405}"#.utf8), connectionReused: false, totalTime: .zero
            )
        }
        try await GatewayHarness.run(upstream: upstream) { client in
            let response = try await client.execute(uri: "/api/v1/auth/register", method: .delete)
            #expect(Self.isProblem(response, .methodNotAllowed))
            #expect(response.headers[.allow] == "POST")
            #expect(response.headers[.setCookie] == nil, "only the listed headers are passed on")
        }
    }

    @Test func unreachableServiceIs503Problem() async throws {
        let upstream = RecordingUpstream { _ in throw HTTPClientError(kind: .connectionRefused, message: "refused by 10.0.0.7") }
        try await GatewayHarness.run(upstream: upstream) { client in
            try await client.execute(uri: "/api/v1/tags", method: .get) { response in
                #expect(Self.isProblem(response, .serviceUnavailable))
                #expect(response.headers[.retryAfter] == "1")
                #expect(!String(decoding: response.body.readableBytesView, as: UTF8.self).contains("10.0.0.7"))
            }
        }
    }
}
