import Foundation
import InkwellHTTPClient
import Testing
import TestSupport

/// Dot segments and encoded separators through the real gateway process: 400, and the service
/// behind it never sees the request (here a recording stand-in for the users service, so that
/// "never sees" is observed, not inferred).
@Suite struct GatewayPathSafetyTests {
    /// Also used by GatewayEdgeTests against the real users service.
    static let attacks = [
        "/api/v1/auth/../../internal/v1/users?ids=00000000-0000-0000-0000-000000000000",
        "/api/v1/auth/../../../internal/v1/users?ids=x",
        "/api/v1/auth/%2e%2e/%2e%2e/metrics",
        "/api/v1/auth/%2E%2E/%2E./health/ready",
        "/api/v1/auth/%252e%252e/%252e%252e/metrics",
        "/api/v1/users/me%2f..%2f..%2finternal%2fv1%2fusers",
        "/api/v1/users/grace/..%5c..%5cmetrics",
        "/.well-known/..%00/metrics",
    ]

    @Test func unsafePathsAre400AndNeverReachTheService() async throws {
        let users = try RecordingHTTPServer()
        defer { users.stop() }
        let stack = try await ServiceStack.start(gatewayUsersURL: users.url)
        defer { Task { await stack.stop() } }

        for path in Self.attacks {
            let response = try await stack.request("GET", path)
            #expect(response.status == 400, "\(path): \(response.status) \(response.text)")
            #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true, "\(path)")
            #expect(response.header("X-Request-Id")?.isEmpty == false)
        }
        // A safe request after them does arrive (the gateway answers only once the stand-in has).
        #expect(try await stack.request("GET", "/.well-known/jwks.json").status == 200)
        #expect(users.requestLines == ["GET /.well-known/jwks.json HTTP/1.1"])
    }
}
