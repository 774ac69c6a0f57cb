import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InkwellServiceKit
import Testing

/// The body limits of API.md, from ``InkwellLimits`` through the route groups: 1 MiB on JSON
/// paths, 5 MiB on media uploads; over the limit is a 413 problem and reaches no service.
@Suite struct GatewayBodyLimitTests {
    static func body(_ count: Int) -> ByteBuffer { ByteBuffer(repeating: UInt8(ascii: "a"), count: count) }

    @Test(arguments: ["/api/v1/auth/register", "/api/v1/posts", "/api/v1/posts/x/comments", "/api/v1/comments/1", "/api/v1/users/me"])
    func jsonPathsRefuseOneMebibytePlusOne(uri: String) async throws {
        let upstream = RecordingUpstream()
        try await GatewayHarness.run(upstream: upstream) { client in
            let over = try await client.execute(uri: uri, method: .post, headers: [.contentType: "application/json"], body: Self.body(InkwellLimits.jsonBody + 1))
            #expect(GatewayRoutingTests.isProblem(over, .contentTooLarge))
        }
        #expect(upstream.requests.isEmpty)
    }

    @Test func jsonPathsPassOneMebibyte() async throws {
        let upstream = RecordingUpstream()
        try await GatewayHarness.run(upstream: upstream) { client in
            let exact = try await client.execute(uri: "/api/v1/posts", method: .post, body: Self.body(InkwellLimits.jsonBody))
            #expect(exact.status == .ok)
        }
        #expect(upstream.requests.map { $0.body?.count } == [InkwellLimits.jsonBody])
    }

    @Test func mediaPassesFiveMebibytesAndRefusesOneMore() async throws {
        let upstream = RecordingUpstream()
        try await GatewayHarness.run(upstream: upstream) { client in
            let exact = try await client.execute(uri: "/api/v1/media", method: .post, headers: [.contentType: "image/png"], body: Self.body(InkwellLimits.mediaBody))
            #expect(exact.status == .ok)
            let over = try await client.execute(uri: "/api/v1/media", method: .post, headers: [.contentType: "image/png"], body: Self.body(InkwellLimits.mediaBody + 1))
            #expect(GatewayRoutingTests.isProblem(over, .contentTooLarge))
        }
        #expect(upstream.requests.map { $0.body?.count } == [InkwellLimits.mediaBody])
    }

    @Test func mediaLimitIsOnlyMedia() async throws {
        let upstream = RecordingUpstream()
        try await GatewayHarness.run(upstream: upstream) { client in
            // Two MiB: fine for media, too much for a post.
            let media = try await client.execute(uri: "/api/v1/media", method: .post, body: Self.body(2 << 20)).status
            #expect(media == .ok)
            let post = try await client.execute(uri: "/api/v1/posts", method: .post, body: Self.body(2 << 20)).status
            #expect(post == .contentTooLarge)
        }
        #expect(upstream.urls == ["http://blog.test/api/v1/media"])
    }
}
