import Foundation
import InkwellHTTPClient
import InkwellPostgres
import Testing
import TestSupport

/// The posts contract through the gateway, against real processes, PostgreSQL and Kafka: the
/// rules of API.md's posts section, their unhappy paths, slug redirects and the post events.
@Suite(.serialized) struct BlogPostsTests {
    /// One stack for the suite.
    static let stack = Task { try await ServiceStack.start() }
    func stack() async throws -> ServiceStack { try await Self.stack.value }

    // MARK: - Helpers

    typealias Writer = StackAccount

    /// A signed-in account with `roles` and, unless told otherwise, a verified email.
    func writer(_ stack: ServiceStack, roles: [String] = ["reader", "author"], verified: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Writer {
        try await stack.account(prefix: "w", roles: roles, verified: verified, sourceLocation: sourceLocation)
    }

    func create(_ stack: ServiceStack, _ writer: Writer, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await stack.request("POST", "/api/v1/posts", json: json, headers: writer.auth)
        try #require(response.status == 201, "\(response.text)", sourceLocation: sourceLocation)
        return response.json
    }

    func ifMatch(_ version: Any?) -> HTTPHeader { HTTPHeader(name: "If-Match", value: "\"\(version ?? "")\"") }

    func expectProblem(_ response: HTTPClientResponse, status: Int, fields: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true, sourceLocation: sourceLocation)
        if let fields {
            let named = (response.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
            #expect(named == fields, sourceLocation: sourceLocation)
        }
    }

    func unique(_ prefix: String) -> String { "\(prefix) \(UUID().uuidString.prefix(8))" }

    // MARK: - Create and read

    @Test func createThenReadWithETagAndLocation() async throws {
        let stack = try await stack()
        let author = try await writer(stack)
        let title = unique("Ünïcode Straße")
        let response = try await stack.request("POST", "/api/v1/posts", json: #"{"title": "\#(title)", "body": "Hello <b>there</b>", "tags": ["Swift", "swift", "Linux"], "status": "published", "unknown": 1}"#, headers: author.auth)
        #expect(response.status == 201, "\(response.text)")
        let post = response.json
        let slug = try #require(post["slug"] as? String)
        #expect(slug.hasPrefix("unicode-strasse-"))
        #expect(response.header("Location") == "/api/v1/posts/\(slug)")
        #expect(response.header("ETag") == "\"1\"")
        #expect(post["status"] as? String == "published")
        #expect(post["authorId"] as? String == author.id)
        #expect(post["publishedAt"] is String)
        #expect((post["tags"] as? [[String: String]])?.map { $0["slug"]! } == ["swift", "linux"])
        #expect((post["bodyHtml"] as? String)?.contains("<b>") == false)

        let read = try await stack.request("GET", "/api/v1/posts/\(slug)")
        #expect(read.status == 200)
        #expect(read.header("ETag") == "\"1\"")
        #expect(read.json["title"] as? String == title)
        expectProblem(try await stack.request("GET", "/api/v1/posts/no-such-post-\(UUID().uuidString.prefix(6).lowercased())"), status: 404)
        expectProblem(try await stack.request("GET", "/api/v1/posts/Not_A_Slug"), status: 404)
    }

    @Test func draftsAndScheduledPostsAreVisibleOnlyToTheirAuthorAndAdmins() async throws {
        let stack = try await stack()
        let author = try await writer(stack)
        let other = try await writer(stack)
        let admin = try await writer(stack, roles: ["reader", "author", "moderator", "admin"])
        let draft = try await create(stack, author, #"{"title": "\#(unique("Secret draft"))", "body": "x"}"#)
        #expect(draft["status"] as? String == "draft")
        let future = "2999-01-01T00:00:00Z"
        let scheduled = try await create(stack, author, #"{"title": "\#(unique("Later"))", "body": "x", "publishAt": "\#(future)"}"#)
        #expect(scheduled["status"] as? String == "scheduled")
        #expect(scheduled["publishedAt"] is NSNull)
        for post in [draft, scheduled] {
            let slug = post["slug"] as! String
            expectProblem(try await stack.request("GET", "/api/v1/posts/\(slug)"), status: 404)
            expectProblem(try await stack.request("GET", "/api/v1/posts/\(slug)", headers: other.auth), status: 404)
            #expect(try await stack.request("GET", "/api/v1/posts/\(slug)", headers: author.auth).status == 200)
            #expect(try await stack.request("GET", "/api/v1/posts/\(slug)", headers: admin.auth).status == 200)
            // Someone else's draft does not exist for them, for writes too.
            expectProblem(try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"title": "mine"}"#, headers: other.auth), status: 404)
            expectProblem(try await stack.request("DELETE", "/api/v1/posts/\(slug)", headers: other.auth), status: 404)
        }
        let list = try await stack.request("GET", "/api/v1/posts?author=\(author.username)")
        #expect((list.json["items"] as? [Any])?.isEmpty == true, "\(list.text)")
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: #"{"title": "t", "body": "", "status": "scheduled", "publishAt": "2001-01-01T00:00:00Z"}"#, headers: author.auth), status: 422, fields: ["publishAt"])
    }

    @Test func writingNeedsAVerifiedAuthorAndEditingItsAuthorOrAnAdmin() async throws {
        let stack = try await stack()
        let body = #"{"title": "t", "body": "b"}"#
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: body), status: 401)
        #expect(try await stack.request("POST", "/api/v1/posts", json: body).header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: body, headers: [HTTPHeader(name: "Authorization", value: "Bearer nope")]), status: 401)
        let reader = try await writer(stack, roles: ["reader"])
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: body, headers: reader.auth), status: 403)
        let unverified = try await writer(stack, verified: false)
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: body, headers: unverified.auth), status: 403)

        let author = try await writer(stack)
        let other = try await writer(stack)
        let admin = try await writer(stack, roles: ["reader", "admin"])
        let post = try await create(stack, author, #"{"title": "\#(unique("Owned"))", "body": "b", "status": "published"}"#)
        let slug = post["slug"] as! String
        expectProblem(try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"title": "x"}"#), status: 401)
        expectProblem(try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"title": "x"}"#, headers: other.auth), status: 403)
        expectProblem(try await stack.request("DELETE", "/api/v1/posts/\(slug)", headers: other.auth), status: 403)
        let byAdmin = try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"title": "Edited by admin"}"#, headers: admin.auth)
        #expect(byAdmin.status == 200, "\(byAdmin.text)")
        #expect(byAdmin.json["authorId"] as? String == author.id)
        #expect(try await stack.request("DELETE", "/api/v1/posts/\(slug)", headers: admin.auth).status == 204)
        expectProblem(try await stack.request("GET", "/api/v1/posts/\(slug)"), status: 404)
        expectProblem(try await stack.request("DELETE", "/api/v1/posts/\(slug)", headers: author.auth), status: 404)
    }

    // MARK: - Unhappy paths

    @Test func malformedBodiesAndFieldErrors() async throws {
        let stack = try await stack()
        let author = try await writer(stack)
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: "{not json", headers: author.auth), status: 400)
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: "[]", headers: author.auth), status: 400)
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: #"{"title": 1, "body": "b"}"#, headers: author.auth), status: 422, fields: ["title"])
        let bad = #"{"title": "", "body": "a\u0000b", "tags": ["ok", "", "!!!"], "status": "live", "publishAt": "tomorrow", "slug": "Bad Slug", "coverImageUrl": "javascript:alert(1)"}"#
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: bad, headers: author.auth), status: 422,
                      fields: ["title", "body", "tags.1", "tags.2", "status", "publishAt", "slug", "coverImageUrl"])
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: "{}", headers: author.auth), status: 422, fields: ["title", "body"])
        let tooMany = (0..<11).map { "\"t\($0)\"" }.joined(separator: ",")
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: #"{"title": "t", "body": "", "tags": [\#(tooMany)]}"#, headers: author.auth), status: 422, fields: ["tags"])
        let longBody = String(repeating: "a", count: 100_001)
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: #"{"title": "t", "body": "\#(longBody)"}"#, headers: author.auth), status: 422, fields: ["body"])
        let huge = String(repeating: "a", count: (1 << 20) + 10)
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: #"{"title": "t", "body": "\#(huge)"}"#, headers: author.auth), status: 413)
        let wrongType = try await stack.request("POST", "/api/v1/posts", headers: author.auth + [HTTPHeader(name: "Content-Type", value: "text/plain")])
        #expect([400, 415].contains(wrongType.status), "\(wrongType.text)")

        let post = try await create(stack, author, #"{"title": "\#(unique("Patchable"))", "body": "b"}"#)
        let slug = post["slug"] as! String
        expectProblem(try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"title": null, "slug": "-x", "tags": "swift"}"#, headers: author.auth), status: 422)
        expectProblem(try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"title": null, "slug": "-x"}"#, headers: author.auth), status: 422, fields: ["title", "slug"])
    }

    @Test func explicitTakenSlugIs409NamingSlug() async throws {
        let stack = try await stack()
        let author = try await writer(stack)
        let slug = "taken-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await create(stack, author, #"{"title": "One", "body": "", "slug": "\#(slug)"}"#)
        expectProblem(try await stack.request("POST", "/api/v1/posts", json: #"{"title": "Two", "body": "", "slug": "\#(slug)"}"#, headers: author.auth), status: 409, fields: ["slug"])
        // A derived slug gets a number instead.
        let derived = try await create(stack, author, #"{"title": "\#(slug)", "body": ""}"#)
        #expect(derived["slug"] as? String == "\(slug)-2")
        let second = derived["slug"] as! String
        expectProblem(try await stack.request("PATCH", "/api/v1/posts/\(second)", json: #"{"slug": "\#(slug)"}"#, headers: author.auth), status: 409, fields: ["slug"])
    }

    @Test func ifMatchIsHonoured() async throws {
        let stack = try await stack()
        let author = try await writer(stack)
        let post = try await create(stack, author, #"{"title": "\#(unique("Versioned"))", "body": "b", "status": "published"}"#)
        let slug = post["slug"] as! String
        let first = try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"body": "v2"}"#, headers: author.auth + [ifMatch(1)])
        #expect(first.status == 200, "\(first.text)")
        #expect(first.header("ETag") == "\"2\"")
        #expect(first.json["publishedAt"] as? String == post["publishedAt"] as? String, "publishedAt stays through edits")
        let stale = try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"body": "v3"}"#, headers: author.auth + [ifMatch(1)])
        expectProblem(stale, status: 412)
        #expect(stale.header("ETag") == "\"2\"")
        expectProblem(try await stack.request("DELETE", "/api/v1/posts/\(slug)", headers: author.auth + [ifMatch(1)]), status: 412)
        expectProblem(try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"body": "v3"}"#, headers: author.auth + [HTTPHeader(name: "If-Match", value: "garbage")]), status: 400)
        #expect(try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"body": "v3"}"#, headers: author.auth + [HTTPHeader(name: "If-Match", value: "*")]).status == 200)
        #expect(try await stack.request("DELETE", "/api/v1/posts/\(slug)", headers: author.auth + [ifMatch(3)]).status == 204)
    }

    // MARK: - Slugs

    @Test func renameChainRedirectsToTheCurrentSlugAndAReusedSlugStopsRedirecting() async throws {
        let stack = try await stack()
        let author = try await writer(stack)
        let base = "chain-\(UUID().uuidString.prefix(8).lowercased())"
        let post = try await create(stack, author, #"{"title": "Chain", "body": "", "slug": "\#(base)-a", "status": "published"}"#)
        #expect(post["slug"] as? String == "\(base)-a")
        #expect(try await stack.request("PATCH", "/api/v1/posts/\(base)-a", json: #"{"slug": "\#(base)-b"}"#, headers: author.auth).status == 200)
        #expect(try await stack.request("PATCH", "/api/v1/posts/\(base)-b", json: #"{"slug": "\#(base)-c"}"#, headers: author.auth).status == 200)
        for old in ["a", "b"] {
            let moved = try await stack.request("GET", "/api/v1/posts/\(base)-\(old)")
            #expect(moved.status == 301, "\(moved.text)")
            // At the gateway's URL (PUBLIC_BASE_URL).
            #expect(moved.header("Location") == "http://127.0.0.1:\(stack.ports["gateway"]!)/api/v1/posts/\(base)-c")
        }
        #expect(try await stack.request("GET", "/api/v1/posts/\(base)-c").status == 200)
        // Another post takes `b`: it is that post's now.
        let other = try await create(stack, author, #"{"title": "Other", "body": "", "slug": "\#(base)-b", "status": "published"}"#)
        let taken = try await stack.request("GET", "/api/v1/posts/\(base)-b")
        #expect(taken.status == 200)
        #expect(taken.json["id"] as? String == other["id"] as? String)
        // An old slug of a post that went back to draft does not reveal it.
        #expect(try await stack.request("PATCH", "/api/v1/posts/\(base)-c", json: #"{"status": "draft"}"#, headers: author.auth).status == 200)
        expectProblem(try await stack.request("GET", "/api/v1/posts/\(base)-a"), status: 404)
        #expect(try await stack.request("GET", "/api/v1/posts/\(base)-a", headers: author.auth).status == 301)
    }

    // MARK: - Lists

    @Test func listsArePagedNewestFirstAndFilteredByTagAndAuthor() async throws {
        let stack = try await stack()
        let author = try await writer(stack)
        let tag = "tag\(UUID().uuidString.prefix(8).lowercased())"
        var slugs: [String] = []
        for index in 0..<5 {
            let post = try await create(stack, author, #"{"title": "Listed \#(index)", "body": "", "tags": ["\#(index % 2 == 0 ? tag : "other")"], "status": "published"}"#)
            slugs.append(post["slug"] as! String)
        }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try await stack.request("GET", "/api/v1/posts?author=\(author.username.uppercased())&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
            #expect(page.status == 200, "\(page.text)")
            seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String }
            cursor = page.json["nextCursor"] as? String
        } while cursor != nil && seen.count < 10
        #expect(seen == slugs.reversed())
        let tagged = try await stack.request("GET", "/api/v1/posts?tag=\(tag)")
        #expect((tagged.json["items"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } == [slugs[4], slugs[2], slugs[0]])
        let summary = (tagged.json["items"] as? [[String: Any]])?.first ?? [:]
        // The blog's summary, and what the gateway adds to it (API.md).
        #expect(Set(summary.keys) == ["id", "slug", "title", "excerpt", "publishedAt", "authorId", "tags", "coverImageUrl", "author", "commentCount"])
        #expect(try await stack.request("GET", "/api/v1/posts?author=nobody-here").json["items"] as? [Any] != nil)
        expectProblem(try await stack.request("GET", "/api/v1/posts?limit=0"), status: 400)
        expectProblem(try await stack.request("GET", "/api/v1/posts?limit=101"), status: 400)
        expectProblem(try await stack.request("GET", "/api/v1/posts?limit=abc"), status: 400)
        expectProblem(try await stack.request("GET", "/api/v1/posts?cursor=bogus.cursor"), status: 400)
    }

    // MARK: - Events

    @Test func postEventsArePublished() async throws {
        let stack = try await stack()
        let author = try await writer(stack)
        let draft = try await create(stack, author, #"{"title": "\#(unique("Eventful"))", "body": "", "slug": "ev-\#(UUID().uuidString.prefix(8).lowercased())"}"#)
        let id = draft["id"] as! String
        let slug = draft["slug"] as! String
        #expect(try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"body": "still a draft"}"#, headers: author.auth).status == 200)
        #expect(try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"status": "published"}"#, headers: author.auth).status == 200)
        #expect(try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"slug": "\#(slug)-x"}"#, headers: author.auth).status == 200)
        #expect(try await stack.request("PATCH", "/api/v1/posts/\(slug)-x", json: #"{"status": "draft"}"#, headers: author.auth).status == 200)
        #expect(try await stack.request("DELETE", "/api/v1/posts/\(slug)-x", headers: author.auth).status == 204)
        let expected = ["inkwell.blog.post.published.v1", "inkwell.blog.post.updated.v1", "inkwell.blog.post.unpublished.v1", "inkwell.blog.post.deleted.v1"]
        let records = try await collectRecords(brokers: stack.brokers, topic: stack.topicPrefix + "blog.events") { records in
            records.filter { $0.keyString == id }.count >= expected.count
        }
        let mine = records.filter { $0.keyString == id }
        #expect(mine.compactMap { $0.json["type"] as? String } == expected)
        let data = mine.map { $0.json["data"] as? [String: Any] ?? [:] }
        #expect(data.compactMap { $0["version"] as? Int } == [3, 4, 5, 6])
        #expect(data[1]["previousSlug"] as? String == slug)
        #expect((data[1]["post"] as? [String: Any])?["slug"] as? String == "\(slug)-x")
        #expect((data[0]["post"] as? [String: Any])?["status"] as? String == "published")
        #expect(data[3]["authorId"] as? String == author.id)
        // As an outside consumer would check them: against the published JSON Schemas.
        try UsersAuthTests.validateAgainstSchemas(mine.map(\.value))
    }
}
