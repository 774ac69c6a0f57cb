import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InkwellHTTPClient
import Testing

/// The composed reads through the gateway's router against a fake of the services: which calls
/// they make (one batch per kind of data, never one per item), what they answer, how a missing
/// part degrades the answer and a missing critical part makes it a 503.
@Suite struct GatewayComposedReadsTests {
    static let grace = "0193a6d2-5f00-7c21-8e55-0f6f2a9b1c33"
    static let alan = "0193a6d2-5f00-7c21-8e55-0f6f2a9b1c34"
    static let erased = "0193a6d2-5f00-7c21-8e55-0f6f2a9b1c35"
    static let post1 = "0193a6d2-6c1e-7b3f-9a43-5d1e2b0c4f10"
    static let post2 = "0193a6d2-6c1e-7b3f-9a43-5d1e2b0c4f11"
    static let degraded = HTTPField.Name("X-Inkwell-Degraded")!

    static func user(_ id: String, _ name: String) -> String {
        #"{"id": "\#(id)", "username": "\#(name)", "displayName": "\#(name)", "bio": "", "createdAt": "2026-11-21T10:00:00.123Z"}"#
    }

    static func summary(_ id: String, author: String) -> String {
        #"{"id": "\#(id)", "slug": "s\#(id.suffix(2))", "title": "T", "excerpt": "", "publishedAt": "2026-11-21T10:00:00.123Z", "authorId": "\#(author)", "tags": [], "coverImageUrl": null}"#
    }

    static let post = #"""
        {"id": "\#(post1)", "slug": "hello", "title": "Hello", "excerpt": "", "bodyMarkdown": "", "bodyHtml": "", "status": "published",
         "publishedAt": "2026-11-21T10:00:00.123Z", "publishAt": null, "createdAt": "2026-11-21T10:00:00.123Z", "updatedAt": "2026-11-21T10:00:00.123Z",
         "authorId": "\#(grace)", "tags": [], "coverImageUrl": null, "version": 1}
        """#

    static func comment(author: String, replies: String = "") -> String {
        #"{"id": "\#(UUID().uuidString.lowercased())", "postId": "\#(post1)", "parentId": null, "authorId": "\#(author)", "body": "b", "status": "approved", "createdAt": "2026-11-21T10:00:00.123Z", "editedAt": null, "deleted": false, "replies": [\#(replies)]}"#
    }

    /// The services as a fake: the feed, a post, its thread, users (erased ones absent) and counts.
    /// `threadCount`: the `X-Inkwell-Comment-Count` of the thread's answer (nil: none, as from an
    /// older comments service).
    static func services(failing: Set<String> = [], threadCount: String? = "2") -> RecordingUpstream {
        RecordingUpstream { request in
            let url = request.url
            for prefix in failing where url.hasPrefix(prefix) { throw HTTPClientError(kind: .timeout, message: "no answer") }
            if url.hasPrefix("http://users.test/internal/v1/users") {
                return RecordingUpstream.json(#"{"items": [\#(user(grace, "grace")), \#(user(alan, "alan"))]}"#)
            }
            if url.hasPrefix("http://comments.test/internal/v1/comment-counts") {
                return RecordingUpstream.json(#"{"counts": {"\#(post1)": 2, "\#(post2)": 0}}"#)
            }
            if url.hasPrefix("http://blog.test/api/v1/posts?") || url == "http://blog.test/api/v1/posts" {
                return RecordingUpstream.json(#"{"items": [\#(summary(post1, author: grace)), \#(summary(post2, author: alan))], "nextCursor": "c2"}"#)
            }
            if url == "http://blog.test/api/v1/posts/hello" { return RecordingUpstream.json(post) }
            if url == "http://blog.test/api/v1/posts/old" {
                return HTTPClientResponse(status: 301, headers: [HTTPHeader(name: "Location", value: "/api/v1/posts/hello")], body: [], connectionReused: false, totalTime: .zero)
            }
            if url.hasPrefix("http://comments.test/api/v1/posts/hello/comments") {
                return RecordingUpstream.json(
                    #"{"items": [\#(comment(author: alan, replies: comment(author: erased)))], "nextCursor": null}"#,
                    headers: threadCount.map { [HTTPHeader(name: "X-Inkwell-Comment-Count", value: $0)] } ?? [])
            }
            if url.hasPrefix("http://blog.test/api/v1/search") {
                return RecordingUpstream.json(#"{"items": [{"post": \#(summary(post1, author: grace)), "highlight": "<mark>a</mark>"}], "nextCursor": null}"#)
            }
            if url.hasPrefix("http://comments.test/api/v1/moderation/comments") {
                return RecordingUpstream.json(#"{"items": [{"id": "\#(post2)", "postId": "\#(post1)", "postSlug": "hello", "parentId": null, "authorId": "\#(alan)", "body": "b", "status": "pending", "createdAt": "2026-11-21T10:00:00.123Z", "editedAt": null, "deleted": false}], "nextCursor": null}"#)
            }
            return RecordingUpstream.json(#"{"type": "about:blank", "status": 404}"#, status: 404)
        }
    }

    static func get(_ uri: String, upstream: RecordingUpstream, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, HTTPFields, [String: Any]) {
        let (status, fields, body) = try await GatewayHarness.run(upstream: upstream, publicBaseURL: "http://gw.example") { client in
            try await client.execute(uri: uri, method: .get, headers: headers) { response in
                (response.status, response.headers, Data(response.body.readableBytesView))
            }
        }
        return (status, fields, (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:])
    }

    @Test func feedItemsGetAuthorsAndCountsFromOneBatchEach() async throws {
        let upstream = Self.services()
        let (status, headers, json) = try await Self.get("/api/v1/posts?limit=2&tag=swift", upstream: upstream)
        #expect(status == .ok)
        #expect(headers[Self.degraded] == nil)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect((items[0]["author"] as? [String: Any])?["username"] as? String == "grace")
        #expect((items[1]["author"] as? [String: Any])?["username"] as? String == "alan")
        #expect(items.map { $0["commentCount"] as? Int } == [2, 0])
        #expect(json["nextCursor"] as? String == "c2")
        let urls = upstream.urls
        #expect(urls.count == 3, "\(urls)")
        #expect(urls.contains("http://blog.test/api/v1/posts?limit=2&tag=swift"))
        #expect(urls.contains("http://users.test/internal/v1/users?ids=\(Self.grace),\(Self.alan)"))
        #expect(urls.contains("http://comments.test/internal/v1/comment-counts?postIds=\(Self.post1),\(Self.post2)"))
    }

    @Test func feedWithoutUsersOrCommentsIsDegradedNot503() async throws {
        let (status, headers, json) = try await Self.get("/api/v1/posts", upstream: Self.services(failing: ["http://users.test", "http://comments.test"]))
        #expect(status == .ok)
        #expect(headers[Self.degraded] == "comments,users")
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0["author"] is NSNull && $0["commentCount"] is NSNull })
    }

    @Test func feedWithoutTheBlogIs503Problem() async throws {
        let (status, headers, json) = try await Self.get("/api/v1/posts", upstream: Self.services(failing: ["http://blog.test"]))
        #expect(status == .serviceUnavailable)
        #expect(headers[.contentType]?.hasPrefix("application/problem+json") == true)
        #expect(headers[.retryAfter] == "1")
        #expect(json["status"] as? Int == 503)
    }

    @Test func postComesWithAuthorCountAndTheCommentTreeWithAuthors() async throws {
        let upstream = Self.services()
        let auth: HTTPFields = [.authorization: "Bearer t"]
        let (status, headers, json) = try await Self.get("/api/v1/posts/hello", upstream: upstream, headers: auth)
        #expect(status == .ok)
        #expect(headers[Self.degraded] == nil)
        #expect(json["slug"] as? String == "hello")
        #expect((json["author"] as? [String: Any])?["username"] as? String == "grace")
        #expect(json["commentCount"] as? Int == 2)
        let comments = try #require(json["comments"] as? [String: Any])
        #expect(comments["nextCursor"] is NSNull)
        let top = try #require((comments["items"] as? [[String: Any]])?.first)
        #expect((top["author"] as? [String: Any])?["username"] as? String == "alan")
        let reply = try #require((top["replies"] as? [[String: Any]])?.first)
        #expect(reply["author"] is NSNull, "an erased commenter is null")
        let requests = upstream.requests
        #expect(requests.count == 3, "\(requests.map(\.url))")
        #expect(!requests.contains { $0.url.contains("comment-counts") }, "the count comes with the thread")
        let users = try #require(requests.first { $0.url.hasPrefix("http://users.test/internal/v1/users") })
        #expect(users.url == "http://users.test/internal/v1/users?ids=\(Self.grace),\(Self.alan),\(Self.erased)", "author and every commenter in one call")
        let blog = try #require(requests.first { $0.url == "http://blog.test/api/v1/posts/hello" })
        #expect(blog.headers.contains { $0.name.lowercased() == "authorization" && $0.value == "Bearer t" }, "the client's headers go with the critical read")
    }

    @Test func postWithoutTheThreadsCountAsksForItOnce() async throws {
        for header in [nil, "many", "-1"] as [String?] {
            let upstream = Self.services(threadCount: header)
            let (status, headers, json) = try await Self.get("/api/v1/posts/hello", upstream: upstream)
            #expect(status == .ok)
            #expect(headers[Self.degraded] == nil)
            #expect(json["commentCount"] as? Int == 2)
            #expect(upstream.urls.filter { $0.contains("comment-counts") } == ["http://comments.test/internal/v1/comment-counts?postIds=\(Self.post1)"])
        }
    }

    @Test func postWithoutCommentsIsDegradedWithAnEmptyThread() async throws {
        let upstream = Self.services(failing: ["http://comments.test"])
        let (status, headers, json) = try await Self.get("/api/v1/posts/hello", upstream: upstream)
        #expect(status == .ok)
        #expect(headers[Self.degraded] == "comments")
        #expect(json["commentCount"] is NSNull)
        #expect((json["comments"] as? [String: Any])?["items"] as? [Any] != nil)
        #expect(((json["comments"] as? [String: Any])?["items"] as? [Any])?.isEmpty == true)
        #expect(!upstream.urls.contains { $0.contains("comment-counts") }, "no second wait for a service that did not answer")
    }

    @Test func postsOldSlugRedirectsAtTheGatewaysURL() async throws {
        let (status, headers, _) = try await Self.get("/api/v1/posts/old?x=1", upstream: Self.services())
        #expect(status == .movedPermanently)
        #expect(headers[.location] == "http://gw.example/api/v1/posts/hello?x=1")
    }

    @Test func unknownPostIsPassedOnAs404() async throws {
        let (status, _, json) = try await Self.get("/api/v1/posts/nope", upstream: Self.services())
        #expect(status == .notFound)
        #expect(json["status"] as? Int == 404)
    }

    @Test func commentsPageGetsAuthors() async throws {
        let upstream = Self.services()
        let (status, _, json) = try await Self.get("/api/v1/posts/hello/comments?limit=5", upstream: upstream)
        #expect(status == .ok)
        let top = try #require((json["items"] as? [[String: Any]])?.first)
        #expect((top["author"] as? [String: Any])?["username"] as? String == "alan")
        #expect(upstream.urls.contains("http://comments.test/api/v1/posts/hello/comments?limit=5"))
        #expect(upstream.urls.count == 2)
    }

    @Test func searchHitsGetAuthors() async throws {
        let (status, _, json) = try await Self.get("/api/v1/search?q=a", upstream: Self.services())
        #expect(status == .ok)
        let hit = try #require((json["items"] as? [[String: Any]])?.first)
        #expect(hit["highlight"] as? String == "<mark>a</mark>")
        #expect(((hit["post"] as? [String: Any])?["author"] as? [String: Any])?["username"] as? String == "grace")
    }

    @Test func moderationQueueGetsAuthorsWithTheClientsAuthorization() async throws {
        let upstream = Self.services()
        let (status, _, json) = try await Self.get("/api/v1/moderation/comments?status=pending", upstream: upstream, headers: [.authorization: "Bearer m"])
        #expect(status == .ok)
        let item = try #require((json["items"] as? [[String: Any]])?.first)
        #expect(item["postSlug"] as? String == "hello")
        #expect((item["author"] as? [String: Any])?["username"] as? String == "alan")
        let queue = try #require(upstream.requests.first { $0.url.hasPrefix("http://comments.test/api/v1/moderation") })
        #expect(queue.headers.contains { $0.name.lowercased() == "authorization" && $0.value == "Bearer m" })
    }

    @Test func profileWithoutTheBlogIsDegraded() async throws {
        let upstream = RecordingUpstream { request in
            if request.url.hasPrefix("http://blog.test") { throw HTTPClientError(kind: .timeout, message: "no answer") }
            return RecordingUpstream.json(Self.user(Self.grace, "grace"))
        }
        let (status, headers, json) = try await Self.get("/api/v1/users/grace", upstream: upstream)
        #expect(status == .ok)
        #expect(headers[Self.degraded] == "blog")
        #expect((json["recentPosts"] as? [Any])?.isEmpty == true)
    }
}
