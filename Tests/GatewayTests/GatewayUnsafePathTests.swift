import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Paths with dot segments, encoded separators, backslashes or NUL are refused with a 400
/// problem before any route runs: none reaches a service, whatever route it would have matched
/// (a proxied prefix, the composed profile, or none).
@Suite struct GatewayUnsafePathTests {
    static let corpus = [
        "/api/v1/auth/../../../internal/v1/users?ids=1,2",
        "/api/v1/auth/../../internal/v1/users",
        "/api/v1/auth/..",
        "/api/v1/auth/./login",
        "/api/v1/auth/%2e%2e/%2e%2e/metrics",
        "/api/v1/auth/%2E%2E/%2E%2E/health/ready",
        "/api/v1/auth/%2E./x",
        "/api/v1/auth/.%2e/x",
        "/api/v1/auth/%2e/login",
        "/api/v1/auth/%252e%252e/%252e%252e/metrics",
        "/api/v1/auth/%25252E%25252E/x",
        "/api/v1/posts/a%2fb",
        "/api/v1/posts/a%2F..%2Finternal",
        "/api/v1/posts/a%5cb",
        "/api/v1/posts/a%5C..%5Cinternal",
        "/api/v1/posts/a%252fb",
        "/api/v1/posts/a\\b",
        "/api/v1/posts/..\\internal",
        "/api/v1/posts/a%00b",
        "/api/v1/posts/a%2500b",
        "/api/v1/posts/%zz",
        "/api/v1/posts/%2",
        "/api/v1/posts/x/comments/..",
        "/api/v1/users/..",
        "/api/v1/users/.",
        "/api/v1/users/%2e%2e",
        "/api/v1/users/grace/../../../internal/v1/users",
        "/api/v1/media/%2e%2e/%2e%2e/internal/v1/media",
        "/.well-known/../internal/v1/users",
        "/..",
        "/../internal/v1/users",
        "/api/v1/../internal/v1/users",
    ]

    @Test(arguments: corpus)
    func isRefusedAndReachesNoService(uri: String) async throws {
        let upstream = RecordingUpstream()
        try await GatewayHarness.run(upstream: upstream) { client in
            for method in [HTTPRequest.Method.get, .post] {
                let response = try await client.execute(uri: uri, method: method)
                #expect(GatewayRoutingTests.isProblem(response, .badRequest), "\(method) \(uri): \(response.status)")
            }
        }
        #expect(upstream.requests.isEmpty, "\(upstream.urls)")
    }

    @Test(arguments: [
        "/api/v1/posts/a.b", "/api/v1/posts/...", "/api/v1/posts/.hidden", "/api/v1/posts/x..", "/api/v1/search?q=../..%2f",
        "/api/v1/posts/caf%C3%A9", "/api/v1/posts/100%25",
    ])
    func dotsAndEncodingInsideASegmentOrTheQueryAreFine(uri: String) async throws {
        let upstream = RecordingUpstream()
        try await GatewayHarness.run(upstream: upstream) { client in
            // HEAD is passed on as is (GET of these paths is composed: more than one call).
            let status = try await client.execute(uri: uri, method: .head).status
            #expect(status == .ok)
        }
        #expect(upstream.urls.count == 1)
        #expect(upstream.urls.first?.hasSuffix(uri) == true, "forwarded as is: \(upstream.urls)")
    }
}
