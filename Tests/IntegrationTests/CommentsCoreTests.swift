import Foundation
import InkwellHTTPClient
import InkwellPostgres
import Testing
import TestSupport

/// The comments contract through the gateway, against real processes: posts are put into the
/// comments service's projection directly (the blog's events are covered by the consumer's
/// tests), accounts are verified and given roles in the users schema directly.
@Suite(.serialized) struct CommentsCoreTests {
    static let stack = Task { try await ServiceStack.start() }
    func stack() async throws -> ServiceStack { try await Self.stack.value }

    // MARK: - Helpers

    typealias Account = StackAccount

    /// A signed-in account, verified unless told otherwise, with `roles`.
    func account(_ stack: ServiceStack, verified: Bool = true, roles: [String] = ["reader"], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Account {
        try await stack.account(prefix: "c", roles: roles, verified: verified, sourceLocation: sourceLocation)
    }

    /// A published post in the comments projection.
    func post(_ stack: ServiceStack, author: String? = nil, published: Bool = true) async throws -> (id: String, slug: String) {
        let id = UUID().uuidString.lowercased(), slug = "post-\(UUID().uuidString.prefix(8).lowercased())"
        let authorId = UUID(uuidString: author ?? UUID().uuidString)!
        try await stack.sql("INSERT INTO comments.posts (id, slug, author_id, version, published) VALUES (\(UUID(uuidString: id)!), \(slug), \(authorId), 1, \(published))")
        return (id, slug)
    }

    func comment(_ stack: ServiceStack, _ slug: String, _ body: String, by account: Account, parent: String? = nil) async throws -> HTTPClientResponse {
        let parentField = parent.map { #", "parentId": "\#($0)""# } ?? ""
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ["body": body]), as: UTF8.self).dropLast() + parentField + "}"
        return try await stack.request("POST", "/api/v1/posts/\(slug)/comments", json: String(json), headers: account.auth)
    }

    func created(_ stack: ServiceStack, _ slug: String, _ body: String, by account: Account, parent: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await comment(stack, slug, body, by: account, parent: parent)
        try #require(response.status == 201, "\(response.text)", sourceLocation: sourceLocation)
        return response.json
    }

    /// The comments service's own answer for the post (no gateway cache between): the thread's
    /// `X-Inkwell-Comment-Count` on its first and later pages, and the internal count.
    func expectThreadCount(_ stack: ServiceStack, _ post: (id: String, slug: String), _ expected: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let comments = "http://127.0.0.1:\(stack.ports["comments"]!)"
        let first = try await stack.request("GET", "/api/v1/posts/\(post.slug)/comments?limit=1", base: comments)
        #expect(first.header("X-Inkwell-Comment-Count") == String(expected), "\(first.headers)", sourceLocation: sourceLocation)
        if let cursor = first.json["nextCursor"] as? String {
            let next = try await stack.request("GET", "/api/v1/posts/\(post.slug)/comments?limit=1&cursor=\(cursor)", base: comments)
            #expect(next.header("X-Inkwell-Comment-Count") == String(expected), sourceLocation: sourceLocation)
        }
        let counted = try await stack.request("GET", "/internal/v1/comment-counts?postIds=\(post.id)", base: comments)
        #expect((counted.json["counts"] as? [String: Int])?[post.id] ?? 0 == expected, "\(counted.text)", sourceLocation: sourceLocation)
    }

    func expectProblem(_ response: HTTPClientResponse, status: Int, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true, sourceLocation: sourceLocation)
        if let field {
            let fields = (response.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == [field], "\(response.text)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Writing

    @Test func creatingNeedsAVerifiedAccountAndAPublishedPost() async throws {
        let stack = try await stack()
        let post = try await post(stack)
        let anonymous = try await stack.request("POST", "/api/v1/posts/\(post.slug)/comments", json: #"{"body": "hi"}"#)
        expectProblem(anonymous, status: 401)
        #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        let unverified = try await account(stack, verified: false)
        expectProblem(try await comment(stack, post.slug, "hi", by: unverified), status: 403)
        let reader = try await account(stack)
        expectProblem(try await comment(stack, "no-such-post", "hi", by: reader), status: 404)
        let draft = try await self.post(stack, published: false)
        expectProblem(try await comment(stack, draft.slug, "hi", by: reader), status: 404)
        expectProblem(try await stack.request("GET", "/api/v1/posts/\(draft.slug)/comments"), status: 404)
        expectProblem(try await comment(stack, post.slug, "", by: reader), status: 422, field: "body")
        expectProblem(try await comment(stack, post.slug, String(repeating: "a", count: 5_001), by: reader), status: 422, field: "body")
        expectProblem(try await comment(stack, post.slug, "bell \u{7}", by: reader), status: 422, field: "body")
        expectProblem(try await comment(stack, post.slug, "hi", by: reader, parent: UUID().uuidString), status: 422, field: "parentId")
        expectProblem(try await comment(stack, post.slug, "hi", by: reader, parent: "not-a-uuid"), status: 422, field: "parentId")
        let body = try await created(stack, post.slug, "hello\nworld", by: reader)
        #expect(body["status"] as? String == "pending")
        #expect(body["body"] as? String == "hello\nworld")
        #expect(body["postId"] as? String == post.id)
        #expect(body["deleted"] as? Bool == false)
        #expect(body["editedAt"] is NSNull)
    }

    @Test func atMostFiveCommentsPerMinuteEvenConcurrently() async throws {
        let stack = try await stack()
        let post = try await post(stack)
        let reader = try await account(stack)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<8 { group.addTask { try await comment(stack, post.slug, "burst \(i)", by: reader).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 201 }.count == 5, "\(statuses)")
        #expect(statuses.filter { $0 == 429 }.count == 3, "\(statuses)")
        let limited = try await comment(stack, post.slug, "one more", by: reader)
        expectProblem(limited, status: 429)
        let retryAfter = Int(limited.header("Retry-After") ?? "") ?? 0
        #expect((1...60).contains(retryAfter))
        // Another account is not limited by this one.
        _ = try await created(stack, post.slug, "me too", by: try await account(stack))
    }

    // MARK: - Reading

    @Test func treeShowsApprovedThreadsOldestFirstWithTombstones() async throws {
        let stack = try await stack()
        let moderator = try await account(stack, roles: ["moderator"])
        let reader = try await account(stack)
        let post = try await post(stack)
        let first = try await created(stack, post.slug, "first", by: moderator)["id"] as! String
        let second = try await created(stack, post.slug, "second", by: moderator)["id"] as! String
        let reply = try await created(stack, post.slug, "reply", by: moderator, parent: first)["id"] as! String
        let deep = try await created(stack, post.slug, "deep", by: moderator, parent: reply)["id"] as! String
        try await expectThreadCount(stack, post, 4)
        _ = try await created(stack, post.slug, "pending", by: reader, parent: first)
        // A pending comment is not counted; the answer kept for the version before it is not used.
        try await expectThreadCount(stack, post, 4)
        let page1 = try await stack.request("GET", "/api/v1/posts/\(post.slug)/comments?limit=1")
        #expect(page1.status == 200, "\(page1.text)")
        let items = page1.json["items"] as! [[String: Any]]
        #expect(items.map { $0["id"] as! String } == [first])
        let replies = items[0]["replies"] as! [[String: Any]]
        #expect(replies.map { $0["id"] as! String } == [reply])
        #expect((replies[0]["replies"] as! [[String: Any]]).map { $0["id"] as! String } == [deep])
        let cursor = try #require(page1.json["nextCursor"] as? String)
        let page2 = try await stack.request("GET", "/api/v1/posts/\(post.slug)/comments?limit=1&cursor=\(cursor)")
        #expect((page2.json["items"] as! [[String: Any]]).map { $0["id"] as! String } == [second])
        #expect(page2.json["nextCursor"] is NSNull)
        expectProblem(try await stack.request("GET", "/api/v1/posts/\(post.slug)/comments?cursor=x\(cursor)"), status: 400)
        expectProblem(try await stack.request("GET", "/api/v1/posts/\(post.slug)/comments?limit=0"), status: 400)
        // The thread's root deleted: a tombstone holds its replies.
        #expect(try await stack.request("DELETE", "/api/v1/comments/\(first)", headers: moderator.auth).status == 204)
        let after = try await stack.request("GET", "/api/v1/posts/\(post.slug)/comments")
        let tombstone = (after.json["items"] as! [[String: Any]])[0]
        #expect(tombstone["id"] as? String == first && tombstone["deleted"] as? Bool == true && tombstone["body"] as? String == "")
        #expect((tombstone["replies"] as! [[String: Any]]).count == 1)
        try await expectThreadCount(stack, post, 3)
        // A leaf deleted disappears.
        #expect(try await stack.request("DELETE", "/api/v1/comments/\(second)", headers: moderator.auth).status == 204)
        // An anonymous read may come from the gateway's cache until the deletion's event reaches it.
        try await pollUntil("the deleted leaf gone from the thread", timeout: .seconds(10), interval: .milliseconds(20)) {
            let last = try await stack.request("GET", "/api/v1/posts/\(post.slug)/comments")
            return (last.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [first]
        }
        try await expectThreadCount(stack, post, 2)
        // The internal read: the whole approved tree by post id, straight from the service.
        let comments = "http://127.0.0.1:\(stack.ports["comments"]!)"
        let whole = try await stack.request("GET", "/internal/v1/posts/\(post.id)/comments", base: comments)
        #expect(whole.status == 200)
        #expect((whole.json["items"] as! [[String: Any]]).map { $0["id"] as! String } == [first])
    }

    // MARK: - Editing, deleting

    @Test func onlyItsAuthorEditsAndTheLinkRuleAppliesAgain() async throws {
        let stack = try await stack()
        let author = try await account(stack)
        let other = try await account(stack)
        let post = try await post(stack, author: author.id)
        let id = try await created(stack, post.slug, "mine", by: author)["id"] as! String
        expectProblem(try await stack.request("PATCH", "/api/v1/comments/\(id)", json: #"{"body": "x"}"#), status: 401)
        expectProblem(try await stack.request("PATCH", "/api/v1/comments/\(id)", json: #"{"body": "x"}"#, headers: other.auth), status: 403)
        expectProblem(try await stack.request("PATCH", "/api/v1/comments/\(UUID().uuidString)", json: #"{"body": "x"}"#, headers: author.auth), status: 404)
        expectProblem(try await stack.request("PATCH", "/api/v1/comments/\(id)", json: #"{"body": ""}"#, headers: author.auth), status: 422, field: "body")
        let edited = try await stack.request("PATCH", "/api/v1/comments/\(id)", json: #"{"body": "a.com b.com https://c.example"}"#, headers: author.auth)
        #expect(edited.status == 200, "\(edited.text)")
        #expect(edited.json["status"] as? String == "pending")
        #expect(edited.json["editedAt"] is String)
        expectProblem(try await stack.request("DELETE", "/api/v1/comments/\(id)", headers: other.auth), status: 403)
        #expect(try await stack.request("DELETE", "/api/v1/comments/\(id)", headers: author.auth).status == 204)
        expectProblem(try await stack.request("DELETE", "/api/v1/comments/\(id)", headers: author.auth), status: 404)
    }

    // MARK: - Moderation

    @Test func moderationQueueAndIdempotentActionsWithEventsOnce() async throws {
        let stack = try await stack()
        let moderator = try await account(stack, roles: ["moderator"])
        let reader = try await account(stack)
        let post = try await post(stack)
        let id = try await created(stack, post.slug, "let me in", by: reader)["id"] as! String
        expectProblem(try await stack.request("GET", "/api/v1/moderation/comments"), status: 401)
        expectProblem(try await stack.request("GET", "/api/v1/moderation/comments", headers: reader.auth), status: 403)
        expectProblem(try await stack.request("POST", "/api/v1/comments/\(id)/approve", headers: reader.auth), status: 403)
        expectProblem(try await stack.request("GET", "/api/v1/moderation/comments?status=nope", headers: moderator.auth), status: 400)
        var queued: [[String: Any]] = []
        var cursor: String? = nil
        repeat {
            let page = try await stack.request("GET", "/api/v1/moderation/comments?limit=100" + (cursor.map { "&cursor=\($0)" } ?? ""), headers: moderator.auth)
            try #require(page.status == 200, "\(page.text)")
            queued += page.json["items"] as! [[String: Any]]
            cursor = page.json["nextCursor"] as? String
        } while cursor != nil
        let mine = try #require(queued.first { $0["id"] as? String == id })
        #expect(mine["postSlug"] as? String == post.slug)
        #expect(mine["status"] as? String == "pending")
        for _ in 0..<2 {
            let approved = try await stack.request("POST", "/api/v1/comments/\(id)/approve", headers: moderator.auth)
            #expect(approved.status == 200 && approved.json["status"] as? String == "approved", "\(approved.text)")
        }
        // The approval made the reader trusted: the next comment is approved at once.
        #expect(try await created(stack, post.slug, "trusted", by: reader)["status"] as? String == "approved")
        let spam = try await stack.request("POST", "/api/v1/comments/\(id)/spam", headers: moderator.auth)
        #expect(spam.json["status"] as? String == "spam")
        expectProblem(try await stack.request("POST", "/api/v1/comments/\(UUID().uuidString)/reject", headers: moderator.auth), status: 404)
        // What reached Kafka for this comment: created, approved once, rejected (spam).
        let topic = stack.topicPrefix + "comments.events"
        let records = try await collectRecords(brokers: stack.brokers, topic: topic) { records in
            records.filter { $0.json["subject"] as? String == id }.count >= 3
        }
        let mineRecords = records.filter { $0.json["subject"] as? String == id }
        #expect(mineRecords.map { $0.json["type"] as? String } == [
            "inkwell.comments.comment.created.v1", "inkwell.comments.comment.approved.v1", "inkwell.comments.comment.rejected.v1",
        ])
        #expect(mineRecords.allSatisfy { $0.keyString == post.id })
        #expect((mineRecords[2].json["data"] as? [String: Any])?["status"] as? String == "spam")
    }
}
