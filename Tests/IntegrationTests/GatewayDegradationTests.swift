import Foundation
import InkwellHTTPClient
import Testing
import TestSupport

/// The gateway when a service is down: a 503 problem within the configured timeout, never a hung request.
@Suite struct GatewayDegradationTests {
    @Test func stoppedUsersServiceGives503WithinTheTimeout() async throws {
        let stack = try await ServiceStack.start(upstreamTimeoutMs: 1000)
        defer { Task { await stack.stop() } }

        // Frozen (SIGSTOP): connections are accepted by the kernel but nothing answers.
        stack.users.signal(SIGSTOP)
        let clock = ContinuousClock()
        let start = clock.now
        let frozen = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "a@example.org", "username": "frozen", "password": "0123456789"}"#)
        let elapsed = clock.now - start
        #expect(frozen.status == 503, "\(frozen.text)")
        #expect(frozen.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect(frozen.header("X-Request-Id") != nil)
        #expect(elapsed < .seconds(5), "answered after \(elapsed) (deadline 1 s; a frozen service would hang it forever)")
        #expect(!frozen.text.contains("127.0.0.1"), "no internal addresses leak")

        // Gone: connection refused, answered at once.
        stack.users.signal(SIGKILL)
        _ = try await stack.users.waitForExit()
        let gone = try await stack.request("GET", "/api/v1/users/someone")
        #expect(gone.status == 503)
        #expect(gone.json["status"] as? Int == 503)

        // The gateway itself stays healthy and answers its own routes.
        #expect(try await stack.request("GET", "/health/live").status == 200)
    }
}
