import InkwellHTTPClient
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
            let responses = try await withThrowingTaskGroup(of: HTTPClientResponse.self) { group in
                for _ in 0..<100 {
                    group.addTask { try await client.execute(.init(url: url)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
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
}
