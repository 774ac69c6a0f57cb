import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InkwellHTTPClient
import Testing
@testable import GatewayService

/// ``ResponseCache/read(_:context:compute:)`` at the HTTP level, through the gateway's real
/// router in front of a fake of the services: `X-Cache` (miss, hit, bypass), a request with
/// `Authorization` never served from nor stored in the cache, HEAD kept apart from GET, the cache
/// off or not live, and what composed answers of a post are tagged with (an empty thread
/// included), so that the post's events drop them.
@Suite struct ResponseCacheHTTPTests {
    static let post1 = GatewayComposedReadsTests.post1

    static func cache(maxBytes: Int = 1 << 20, live: Bool = true) -> ResponseCache {
        ResponseCache(configuration: .init(maxBytes: maxBytes, ttl: .seconds(60)), live: live)
    }

    /// The composed reads' fake services, plus a tag list; the comments service's thread of
    /// `empty` answers `emptyThread` (by default an empty page naming its post).
    static func services(emptyThread: HTTPClientResponse = thread(items: "", postId: post1)) -> RecordingUpstream {
        let composed = GatewayComposedReadsTests.services()
        return RecordingUpstream { request in
            if request.url.hasPrefix("http://blog.test/api/v1/tags") { return RecordingUpstream.json(#"{"items": [{"slug": "swift", "name": "Swift", "count": 1}]}"#) }
            if request.url.hasPrefix("http://comments.test/api/v1/posts/empty/comments") { return emptyThread }
            return try composed.answer(request)
        }
    }

    /// A comments service thread answer, with `X-Inkwell-Post-Id` when `postId` is given.
    static func thread(items: String, postId: String?) -> HTTPClientResponse {
        var headers = [HTTPHeader(name: "Content-Type", value: "application/json")]
        if let postId { headers.append(HTTPHeader(name: "X-Inkwell-Post-Id", value: postId)) }
        return HTTPClientResponse(status: 200, headers: headers, body: Array(#"{"items": [\#(items)], "nextCursor": null}"#.utf8), connectionReused: false, totalTime: .zero)
    }

    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var xCache: String?
        var body: Data
    }

    static func send(_ client: any TestClientProtocol, _ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:]) async throws -> Answer {
        try await client.execute(uri: uri, method: method, headers: headers) { response in
            Answer(status: response.status, xCache: response.headers[.xCache], body: Data(response.body.readableBytesView))
        }
    }

    @Test func anonymousGetIsAMissThenAHitWithTheSameAnswer() async throws {
        let upstream = Self.services()
        try await GatewayHarness.run(upstream: upstream, cache: Self.cache()) { client async throws in
            for uri in ["/api/v1/tags", "/api/v1/posts/hello", "/api/v1/posts?limit=2", "/api/v1/posts/hello/comments"] {
                let first = try await Self.send(client, uri)
                #expect(first.status == .ok && first.xCache == "miss", "\(uri)")
                let second = try await Self.send(client, uri)
                #expect(second.status == .ok && second.xCache == "hit", "\(uri)")
                #expect(second.body == first.body, "\(uri)")
            }
        }
        #expect(upstream.urls.filter { $0.hasPrefix("http://blog.test/api/v1/tags") }.count == 1)
        #expect(upstream.urls.filter { $0 == "http://blog.test/api/v1/posts/hello" }.count == 1)
    }

    @Test func aRequestWithAuthorizationIsNeverServedFromNorStoredInTheCache() async throws {
        let upstream = Self.services()
        let auth: HTTPFields = [.authorization: "Bearer t"]
        try await GatewayHarness.run(upstream: upstream, cache: Self.cache()) { client async throws in
            // Cached for anonymous readers ...
            _ = try await Self.send(client, "/api/v1/posts/hello")
            #expect(try await Self.send(client, "/api/v1/posts/hello").xCache == "hit")
            // ... but a signed-in read goes to the services, every time.
            for _ in 0..<2 { #expect(try await Self.send(client, "/api/v1/posts/hello", headers: auth).xCache == "bypass") }
            // A signed-in read first (a draft for its author) leaves nothing for an anonymous one.
            #expect(try await Self.send(client, "/api/v1/posts/hello?v=2", headers: auth).xCache == "bypass")
            #expect(try await Self.send(client, "/api/v1/posts/hello?v=2").xCache == "miss")
            #expect(try await Self.send(client, "/api/v1/tags", headers: auth).xCache == "bypass")
            #expect(try await Self.send(client, "/api/v1/tags").xCache == "miss")
        }
        let signedIn = upstream.requests.filter { $0.url == "http://blog.test/api/v1/posts/hello" && $0.headers.contains { $0.name.lowercased() == "authorization" } }
        // /hello twice and /hello?v=2 (the post read asks the blog for the post, not the query).
        #expect(signedIn.count == 3, "each signed-in read reached the blog with its credentials")
    }

    @Test func headIsKeptApartFromGet() async throws {
        let upstream = Self.services()
        try await GatewayHarness.run(upstream: upstream, cache: Self.cache()) { client async throws in
            #expect(try await Self.send(client, "/api/v1/tags", method: .head).xCache == "miss")
            #expect(try await Self.send(client, "/api/v1/tags", method: .head).xCache == "hit")
            let get = try await Self.send(client, "/api/v1/tags")
            #expect(get.xCache == "miss", "a HEAD's answer has no body: it is no GET's")
            #expect(!get.body.isEmpty)
            // A composed path's HEAD is passed on to the blog, never kept.
            for _ in 0..<2 { #expect(try await Self.send(client, "/api/v1/posts/hello", method: .head).xCache != "hit") }
        }
        #expect(upstream.requests.filter { $0.method == "HEAD" && $0.url == "http://blog.test/api/v1/posts/hello" }.count == 2)
    }

    @Test func aCacheOffOrNotLiveBypassesEveryRead() async throws {
        for cache in [Self.cache(maxBytes: 0), Self.cache(live: false)] {
            let upstream = Self.services()
            try await GatewayHarness.run(upstream: upstream, cache: cache) { client async throws in
                for _ in 0..<2 {
                    #expect(try await Self.send(client, "/api/v1/tags").xCache == "bypass")
                    #expect(try await Self.send(client, "/api/v1/posts/hello").xCache == "bypass")
                }
            }
            #expect(upstream.urls.filter { $0 == "http://blog.test/api/v1/posts/hello" }.count == 2)
            #expect(cache.usage.entries == 0)
        }
        // No cache at all (`CACHE_MAX_BYTES=0` in the gateway): no `X-Cache`.
        try await GatewayHarness.run(upstream: Self.services()) { client async throws in
            #expect(try await Self.send(client, "/api/v1/posts/hello").xCache == nil)
        }
    }

    @Test func aDegradedAnswerIsNeverKept() async throws {
        let upstream = GatewayComposedReadsTests.services(failing: ["http://users.test"])
        try await GatewayHarness.run(upstream: upstream, cache: Self.cache()) { client async throws in
            for _ in 0..<2 { #expect(try await Self.send(client, "/api/v1/posts/hello").xCache == "miss") }
        }
    }

    /// The post read knows its post: even with an empty thread (the comments service's 404) it
    /// carries `.post(id)`, so the post's first comment drops it.
    @Test func aPostReadWithAnEmptyThreadIsDroppedByItsPostsEvents() async throws {
        let composed = GatewayComposedReadsTests.services()
        let upstream = RecordingUpstream { request in
            if request.url.hasPrefix("http://comments.test/api/v1/posts/hello/comments") {
                return RecordingUpstream.json(#"{"type": "about:blank", "status": 404}"#, status: 404)
            }
            return try composed.answer(request)
        }
        let cache = Self.cache()
        try await GatewayHarness.run(upstream: upstream, cache: cache) { client async throws in
            _ = try await Self.send(client, "/api/v1/posts/hello")
            #expect(try await Self.send(client, "/api/v1/posts/hello").xCache == "hit")
            #expect(cache.invalidate([.post(UUID(uuidString: Self.post1)!)]) == 1)
            #expect(try await Self.send(client, "/api/v1/posts/hello").xCache == "miss")
        }
    }

    /// An empty thread is tagged with the post the comments service names in
    /// `X-Inkwell-Post-Id`; without it (nothing to drop it by) it is not kept, nor is a 404
    /// (the comments service may not know the post yet).
    @Test func anEmptyThreadIsTaggedWithItsPostOrNotKept() async throws {
        let cache = Self.cache()
        try await GatewayHarness.run(upstream: Self.services(), cache: cache) { client async throws in
            let first = try await Self.send(client, "/api/v1/posts/empty/comments")
            #expect(first.status == .ok && first.xCache == "miss")
            #expect(try await Self.send(client, "/api/v1/posts/empty/comments").xCache == "hit")
            #expect(cache.invalidate([.post(UUID(uuidString: Self.post1)!)]) == 1, "the post's first comment drops it")
            #expect(try await Self.send(client, "/api/v1/posts/empty/comments").xCache == "miss")
        }
        let unnamed = Self.services(emptyThread: Self.thread(items: "", postId: nil))
        try await GatewayHarness.run(upstream: unnamed, cache: Self.cache()) { client async throws in
            for _ in 0..<2 { #expect(try await Self.send(client, "/api/v1/posts/empty/comments").xCache == "miss") }
        }
        let unknown = Self.services(emptyThread: RecordingUpstream.json(#"{"type": "about:blank", "status": 404}"#, status: 404))
        try await GatewayHarness.run(upstream: unknown, cache: Self.cache()) { client async throws in
            for _ in 0..<2 {
                let answer = try await Self.send(client, "/api/v1/posts/empty/comments")
                #expect(answer.status == .notFound && answer.xCache == "miss")
            }
        }
    }
}
