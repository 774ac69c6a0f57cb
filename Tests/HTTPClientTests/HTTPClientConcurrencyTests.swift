@testable import InkwellHTTPClient
import TestSupport
import Testing

/// Many requests in flight at once over a bounded, reused set of connections.
@Suite struct HTTPClientConcurrencyTests {
    @Test func hundredConcurrentRequestsShareFewConnections() async throws {
        let (url, _) = try TestClient.webdavURL("concurrent.txt")
        let body = Array("concurrent body".utf8)
        let limit = 8
        try await TestClient.with({ $0.maxConnectionsPerHost = limit }) { client in
            _ = try await client.execute(.init(method: "PUT", url: url, body: body))
            let clock = ContinuousClock()
            let start = clock.now
            let responses = try await withThrowingTaskGroup(of: HTTPClientResponse.self) { group in
                for _ in 0..<100 {
                    group.addTask { try await client.execute(.init(url: url)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Takes about 20 ms alone; transfers waiting for a free connection that the loop fails
            // to wake stall for the loop's 1 s poll timeout each, which adds up to seconds. The
            // bound is generous because the whole suite shares two cores.
            let elapsed = clock.now - start
            #expect(elapsed < .seconds(20), "100 requests took \(elapsed)")
            #expect(responses.count == 100)
            #expect(responses.allSatisfy { $0.status == 200 && $0.body == body })
            let newConnections = responses.filter { !$0.connectionReused }.count
            // At most `limit` connections are ever open to the host, and a connection is only
            // new once: so at most `limit` responses opened one (the PUT's may be reused).
            #expect(newConnections <= limit, "\(newConnections) new connections")
            #expect(responses.count - newConnections >= 100 - limit)
        }
    }

    @Test func concurrentFanOutToDifferentOutcomes() async throws {
        // A gateway-like fan-out: one slow upstream must not hold up the fast ones.
        let blackHole = try BlackHoleListener()
        let blackHoleURL = blackHole.url
        let (url, _) = try TestClient.webdavURL("fanout.txt")
        try await TestClient.with { client in
            _ = try await client.execute(.init(method: "PUT", url: url, body: Array("fast".utf8)))
            let slow = Task { try await client.execute(.init(url: blackHoleURL, timeout: .seconds(2))) }
            var fast: [Int] = []
            for _ in 0..<5 { fast.append(try await client.execute(.init(url: url)).status) }
            #expect(fast == [200, 200, 200, 200, 200])
            await TestClient.expectError(.timeout) { _ = try await slow.value }
        }
    }

    @Test func manyCancellationsLeaveNothingBehind() async throws {
        let blackHole = try BlackHoleListener()
        let blackHoleURL = blackHole.url
        let (url, _) = try TestClient.webdavURL("after-cancel.txt")
        try await TestClient.with { client in
            _ = try await client.execute(.init(method: "PUT", url: url, body: Array("still fine".utf8)))
            // Cancel at every stage: before start, while queued, while connecting, while waiting.
            let tasks = (0..<60).map { i in
                Task { try await client.execute(.init(url: i.isMultiple(of: 2) ? blackHoleURL : url, timeout: .seconds(30))) }
            }
            for (i, task) in tasks.enumerated() {
                if i.isMultiple(of: 3) { await Task.yield() }
                task.cancel()
            }
            for (i, task) in tasks.enumerated() {
                switch await task.result {
                case .success(let response):
                    // A fast request may finish before its cancellation arrives.
                    #expect(!i.isMultiple(of: 2) && response.status == 200)
                case .failure(let error):
                    #expect((error as? HTTPClientError)?.kind == .cancelled, "\(error)")
                }
            }
            try await pollUntil("all transfers to leave the multi handle", timeout: .seconds(5)) {
                client.activeTransferCount == 0
            }
            let after = try await client.execute(.init(url: url))
            #expect(String(decoding: after.body, as: UTF8.self) == "still fine")
        }
    }

    @Test func shutdownWithManyRequestsInFlightFailsThemAll() async throws {
        let blackHole = try BlackHoleListener()
        let blackHoleURL = blackHole.url
        let client = HTTPClient(logger: TestClient.logger)
        let tasks = (0..<40).map { _ in Task { try await client.execute(.init(url: blackHoleURL, timeout: .seconds(30))) } }
        try await pollUntil("some requests to be in flight", timeout: .seconds(30)) { client.activeTransferCount > 0 }
        await client.shutdown()
        for task in tasks {
            await TestClient.expectError(.shutdown) { _ = try await task.value }
        }
    }
}
