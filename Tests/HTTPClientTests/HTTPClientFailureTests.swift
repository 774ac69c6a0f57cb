import Foundation
@testable import InkwellHTTPClient
import TestSupport
import Testing

/// Timeouts, refused connections, cancellation, size limits, shutdown and odd responses.
@Suite struct HTTPClientFailureTests {
    @Test func unansweredRequestTimesOutAfterItsTimeout() async throws {
        let blackHole = try BlackHoleListener()
        let blackHoleURL = blackHole.url
        try await TestClient.with { client in
            let elapsed = await TestClient.expectError(.timeout) {
                _ = try await client.execute(.init(url: blackHoleURL, timeout: .milliseconds(500)))
            }
            #expect(elapsed >= .milliseconds(450))
            #expect(elapsed < .seconds(10))  // "promptly", not a timing test: a loaded suite delays scheduling
        }
    }

    @Test func defaultTimeoutAppliesWithoutARequestTimeout() async throws {
        let blackHole = try BlackHoleListener()
        let blackHoleURL = blackHole.url
        try await TestClient.with({ $0.defaultTimeout = .milliseconds(300) }) { client in
            let elapsed = await TestClient.expectError(.timeout) {
                _ = try await client.execute(.init(url: blackHoleURL))
            }
            #expect(elapsed < .seconds(10))  // "promptly", not a timing test: a loaded suite delays scheduling
        }
    }

    @Test func closedPortIsConnectionRefusedQuickly() async throws {
        let port = freeLocalPort()
        try await TestClient.with { client in
            let elapsed = await TestClient.expectError(.connectionRefused) {
                _ = try await client.execute(.init(url: "http://127.0.0.1:\(port)/"))
            }
            #expect(elapsed < .seconds(10))  // "promptly", not a timing test: a loaded suite delays scheduling
        }
    }

    @Test func unknownHostIsCouldNotResolveHost() async throws {
        try await TestClient.with { client in
            // .invalid is reserved (RFC 2606): it never resolves.
            await TestClient.expectError(.couldNotResolveHost) {
                _ = try await client.execute(.init(url: "http://inkwell-no-such-host.invalid/", timeout: .seconds(10)))
            }
        }
    }

    @Test func cancellingTheTaskAbortsAnInFlightRequestPromptly() async throws {
        let blackHole = try BlackHoleListener()
        let blackHoleURL = blackHole.url
        try await TestClient.with { client in
            let request = Task { try await client.execute(.init(url: blackHoleURL, timeout: .seconds(30))) }
            // In flight: libcurl connected and the transfer sits in the multi handle.
            try await pollUntil("the request to connect", timeout: .seconds(5)) {
                blackHole.hasPendingConnection && client.activeTransferCount == 1
            }
            let elapsed = await TestClient.expectError(.cancelled) {
                request.cancel()
                _ = try await request.value
            }
            // The black hole never answers: only cancellation can end the request this early
            // (a generous bound, since the whole suite shares two cores).
            #expect(elapsed < .seconds(10))  // "promptly", not a timing test: a loaded suite delays scheduling
            try await pollUntil("the transfer to leave the multi handle", timeout: .seconds(5)) {
                client.activeTransferCount == 0
            }
        }
    }

    @Test func alreadyCancelledTaskFailsWithoutSending() async throws {
        let blackHole = try BlackHoleListener()
        let blackHoleURL = blackHole.url
        try await TestClient.with { client in
            let request = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.execute(.init(url: blackHoleURL, timeout: .seconds(30)))
            }
            await TestClient.expectError(.cancelled) { _ = try await request.value }
            #expect(client.activeTransferCount == 0)
        }
    }

    @Test func responseOverTheLimitWithContentLength() async throws {
        let (small, _) = try TestClient.webdavURL("small.bin")
        let (large, _) = try TestClient.webdavURL("large.bin")
        try await TestClient.with({ $0.maxResponseBodySize = 1024 }) { client in
            _ = try await client.execute(.init(method: "PUT", url: small, body: [UInt8](repeating: 1, count: 1024)))
            _ = try await client.execute(.init(method: "PUT", url: large, body: [UInt8](repeating: 2, count: 4096)))
            let exact = try await client.execute(.init(url: small))
            #expect(exact.body.count == 1024)
            await TestClient.expectError(.responseTooLarge) {
                _ = try await client.execute(.init(url: large))
            }
        }
    }

    @Test func responseOverTheLimitWithoutContentLength() async throws {
        // Close-delimited body: libcurl cannot refuse it up front; the write callback must.
        let server = try RawResponseServer(response: "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + String(repeating: "x", count: 8192))
        defer { server.stop() }
        try await TestClient.with({ $0.maxResponseBodySize = 1000 }) { client in
            await TestClient.expectError(.responseTooLarge) {
                _ = try await client.execute(.init(url: server.url))
            }
        }
    }

    @Test func shutdownFailsInFlightRequestsAndLaterOnes() async throws {
        let blackHole = try BlackHoleListener()
        let blackHoleURL = blackHole.url
        let client = HTTPClient(logger: TestClient.logger)
        let request = Task { try await client.execute(.init(url: blackHoleURL, timeout: .seconds(30))) }
        try await pollUntil("the request to be in flight", timeout: .seconds(5)) { client.activeTransferCount == 1 }
        await client.shutdown()
        await TestClient.expectError(.shutdown) { _ = try await request.value }
        await TestClient.expectError(.shutdown) { _ = try await client.execute(.init(url: blackHoleURL)) }
        await client.shutdown()  // idempotent
    }

    @Test func invalidURLs() async throws {
        try await TestClient.with { client in
            await TestClient.expectError(.invalidURL) { _ = try await client.execute(.init(url: "not a url")) }
            // Only http and https: no file:// reads through the gateway.
            await TestClient.expectError(.invalidURL) { _ = try await client.execute(.init(url: "file:///etc/passwd")) }
        }
    }

    @Test func headerInjectionIsRejected() async throws {
        try await TestClient.with { client in
            await TestClient.expectError(.transport) {
                _ = try await client.execute(.init(url: "http://127.0.0.1:1/", headers: [.init(name: "X-A", value: "1\r\nX-Evil: 2")]))
            }
            await TestClient.expectError(.transport) {
                _ = try await client.execute(.init(url: "http://127.0.0.1:1/", headers: [.init(name: "X-A\nB", value: "1")]))
            }
            await TestClient.expectError(.transport) {
                _ = try await client.execute(.init(method: "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET", url: "http://127.0.0.1:1/"))
            }
        }
    }

    @Test func redirectsAreReturnedNotFollowed() async throws {
        let server = try RawResponseServer(response: "HTTP/1.1 301 Moved Permanently\r\nLocation: http://127.0.0.1:1/elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        defer { server.stop() }
        try await TestClient.with { client in
            let response = try await client.execute(.init(url: server.url))
            #expect(response.status == 301)
            #expect(response.header("location") == "http://127.0.0.1:1/elsewhere")
        }
    }

    @Test func onlyTheFinalResponseHeadersAreKept() async throws {
        let server = try RawResponseServer(
            response: "HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nX-Final:  yes \r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
        )
        defer { server.stop() }
        try await TestClient.with { client in
            let response = try await client.execute(.init(url: server.url))
            #expect(response.status == 201)
            #expect(response.header("x-final") == "yes")
            #expect(response.header("X-Interim") == nil)
            #expect(response.headers.filter { $0.name == "Set-Cookie" }.map(\.value) == ["a=1", "b=2"])
            #expect(response.body == Array("ok".utf8))
        }
    }
}
