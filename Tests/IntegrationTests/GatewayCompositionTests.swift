import Foundation
import InkwellHTTPClient
import Testing
import TestSupport

/// Composed reads through the gateway against the real services: authors and counts on the
/// feed, a post, its thread, a profile, search and the moderation queue; an erased commenter's
/// `author` null; a draft only for its author; an old slug's 301 at the gateway's URL; and each
/// service frozen, then stopped, in turn giving degraded 200s or 503s within the deadline.
@Suite(.serialized) struct GatewayCompositionTests {
    struct Fixture {
        var stack: ServiceStack
        var author: StackAccount
        var commenter: StackAccount
        var replier: StackAccount
        var slug: String
        var word: String
    }

    /// A stack with a published post by `author`, a comment by `commenter` and a reply by `replier`.
    static func fixture(upstreamTimeoutMs: Int = 10_000, gatewayEnvironment: [String: String] = [:]) async throws -> Fixture {
        let stack = try await ServiceStack.start(upstreamTimeoutMs: upstreamTimeoutMs, gatewayEnvironment: gatewayEnvironment)
        let author = try await stack.account(prefix: "w", roles: ["reader", "author"])
        // Moderators' comments are approved at once.
        let commenter = try await stack.account(prefix: "c", roles: ["reader", "moderator"])
        let replier = try await stack.account(prefix: "r", roles: ["reader", "moderator"])
        let word = "zq\(UUID().uuidString.prefix(8).lowercased().filter(\.isLetter))zq"
        let created = try await stack.request("POST", "/api/v1/posts", json: #"{"title": "Composed \#(word)", "body": "About \#(word).", "tags": ["Composition"], "status": "published"}"#, headers: author.auth)
        try #require(created.status == 201, "\(created.text)")
        let slug = created.json["slug"] as! String
        // A read of the thread on the comments service itself until it knows the post: through
        // the gateway, a fixture with a short upstream deadline would also wait out slow answers
        // of a loaded machine; polling with the POST would use up the commenter's 5 comments a
        // minute on 404s. The consumer's first group join can take long while many stacks start.
        let comments = "http://127.0.0.1:\(stack.ports["comments"]!)"
        try await pollUntil("the comments service to know \(slug)", timeout: .seconds(120), interval: .milliseconds(50)) {
            try await stack.request("GET", "/api/v1/posts/\(slug)/comments", base: comments).status == 200
        }
        let first = try await stack.request("POST", "/api/v1/posts/\(slug)/comments", json: #"{"body": "First"}"#, headers: commenter.auth)
        try #require(first.status == 201, "\(first.text)")
        let parent = first.json["id"] as! String
        let reply = try await stack.request("POST", "/api/v1/posts/\(slug)/comments", json: #"{"body": "Reply", "parentId": "\#(parent)"}"#, headers: replier.auth)
        try #require(reply.status == 201, "\(reply.text)")
        return Fixture(stack: stack, author: author, commenter: commenter, replier: replier, slug: slug, word: word)
    }

    static func username(_ value: Any?) -> String? { (value as? [String: Any])?["username"] as? String }
    static func items(_ response: HTTPClientResponse) -> [[String: Any]] { response.json["items"] as? [[String: Any]] ?? [] }

    @Test func composedReadsCarryAuthorsCountsAndCommentTrees() async throws {
        let f = try await Self.fixture()
        let stack = f.stack
        defer { Task { await stack.stop() } }

        let post = try await stack.request("GET", "/api/v1/posts/\(f.slug)")
        #expect(post.status == 200, "\(post.text)")
        #expect(post.header("X-Inkwell-Degraded") == nil)
        #expect(Self.username(post.json["author"]) == f.author.username)
        #expect(post.json["commentCount"] as? Int == 2)
        let thread = try #require(post.json["comments"] as? [String: Any])
        let top = try #require((thread["items"] as? [[String: Any]])?.first)
        #expect(Self.username(top["author"]) == f.commenter.username)
        #expect(Self.username((top["replies"] as? [[String: Any]])?.first?["author"]) == f.replier.username)

        let comments = try await stack.request("GET", "/api/v1/posts/\(f.slug)/comments")
        #expect(comments.status == 200)
        #expect(Self.username(Self.items(comments).first?["author"]) == f.commenter.username)
        #expect(comments.json["nextCursor"] is NSNull)

        for path in ["/api/v1/posts?limit=20", "/api/v1/posts?author=\(f.author.username)", "/api/v1/posts?tag=composition&limit=100"] {
            let feed = try await stack.request("GET", path)
            #expect(feed.status == 200, "\(path): \(feed.text)")
            let item = try #require(Self.items(feed).first { $0["slug"] as? String == f.slug }, "\(path)")
            #expect(Self.username(item["author"]) == f.author.username, "\(path)")
            #expect(item["commentCount"] as? Int == 2, "\(path)")
        }

        let profile = try await stack.request("GET", "/api/v1/users/\(f.author.username)")
        #expect(profile.status == 200)
        #expect((profile.json["recentPosts"] as? [[String: Any]])?.first?["slug"] as? String == f.slug)

        try await pollUntil("search to find \(f.word)", timeout: .seconds(10), interval: .milliseconds(50)) {
            let search = try await stack.request("GET", "/api/v1/search?q=\(f.word)")
            guard let hit = Self.items(search).first else { return false }
            #expect(Self.username((hit["post"] as? [String: Any])?["author"]) == f.author.username)
            #expect((hit["highlight"] as? String)?.contains("<mark>") == true)
            return true
        }

        // A reader's first comment waits for moderation; the queue shows it with its author.
        let newcomer = try await stack.account(prefix: "n")
        let pending = try await stack.request("POST", "/api/v1/posts/\(f.slug)/comments", json: #"{"body": "Am I in?"}"#, headers: newcomer.auth)
        #expect(pending.json["status"] as? String == "pending", "\(pending.text)")
        let queue = try await stack.request("GET", "/api/v1/moderation/comments?status=pending&limit=100", headers: f.commenter.auth)
        #expect(queue.status == 200, "\(queue.text)")
        let queued = try #require(Self.items(queue).first { $0["id"] as? String == pending.json["id"] as? String })
        #expect(Self.username(queued["author"]) == newcomer.username)
        #expect(queued["postSlug"] as? String == f.slug)
        #expect(try await stack.request("GET", "/api/v1/moderation/comments?status=pending").status == 401, "the queue is a signed-in read")

        // A draft: its author sees it through the gateway, others get 404.
        let draft = try await stack.request("POST", "/api/v1/posts", json: #"{"title": "Draft \#(f.word)", "body": "Not yet.", "status": "draft"}"#, headers: f.author.auth)
        try #require(draft.status == 201, "\(draft.text)")
        let draftSlug = draft.json["slug"] as! String
        let own = try await stack.request("GET", "/api/v1/posts/\(draftSlug)", headers: f.author.auth)
        #expect(own.status == 200, "\(own.text)")
        #expect(own.json["status"] as? String == "draft")
        #expect(Self.username(own.json["author"]) == f.author.username)
        #expect((own.json["comments"] as? [String: Any])?["items"] as? [Any] != nil)
        #expect(own.header("X-Inkwell-Degraded") == nil, "a draft's empty thread is complete, not degraded")
        #expect(try await stack.request("GET", "/api/v1/posts/\(draftSlug)").status == 404)
        #expect(try await stack.request("GET", "/api/v1/posts/\(draftSlug)", headers: f.commenter.auth).status == 404)

        // An old slug: 301 to the new one, at the gateway's URL.
        let renamed = try await stack.request("PATCH", "/api/v1/posts/\(f.slug)", json: #"{"slug": "\#(f.slug)-renamed"}"#, headers: f.author.auth)
        #expect(renamed.status == 200, "\(renamed.text)")
        let moved = try await stack.request("GET", "/api/v1/posts/\(f.slug)?x=1")
        #expect(moved.status == 301)
        #expect(moved.header("Location") == "\(stack.gatewayURL)/api/v1/posts/\(f.slug)-renamed?x=1")

        // The commenter erases their account: their comment (it has a reply) stays, author null.
        let erased = try await stack.request("DELETE", "/api/v1/users/me", json: #"{"password": "correct-horse-battery"}"#, headers: f.commenter.auth)
        #expect(erased.status == 204, "\(erased.text)")
        try await pollUntil("the erased commenter's author to be null", timeout: .seconds(10), interval: .milliseconds(50)) {
            let read = try await stack.request("GET", "/api/v1/posts/\(f.slug)-renamed")
            guard let first = ((read.json["comments"] as? [String: Any])?["items"] as? [[String: Any]])?.first else { return false }
            guard first["author"] is NSNull else { return false }
            #expect(Self.username((first["replies"] as? [[String: Any]])?.first?["author"]) == f.replier.username)
            return true
        }
    }

    /// What a read answered and how long it took.
    struct Read {
        var status: Int
        var degraded: String?
        var elapsed: Duration
        var response: HTTPClientResponse
    }

    static func read(_ stack: ServiceStack, _ path: String) async throws -> Read {
        let start = ContinuousClock.now
        let response = try await stack.request("GET", path)
        return Read(status: response.status, degraded: response.header("X-Inkwell-Degraded"), elapsed: ContinuousClock.now - start, response: response)
    }

    @Test func eachServiceFrozenThenStoppedGivesDegradedAnswersOr503sWithinTheDeadline() async throws {
        // Without the response cache: it would answer from entries made before the outage
        // (GatewayCacheTests covers the cache); this is about composing without a service.
        let f = try await Self.fixture(upstreamTimeoutMs: 1000, gatewayEnvironment: ["CACHE_MAX_BYTES": "0"])
        let stack = f.stack
        defer { Task { await stack.stop() } }
        let paths = [
            "feed": "/api/v1/posts?limit=20", "post": "/api/v1/posts/\(f.slug)", "comments": "/api/v1/posts/\(f.slug)/comments",
            "profile": "/api/v1/users/\(f.author.username)",
        ]
        /// Every read, each answered within the deadline (1 s) and some slack: (status, degraded).
        func answers() async throws -> [String: String] {
            var result: [String: String] = [:]
            try await withThrowingTaskGroup(of: (String, Read).self) { group in
                for (name, path) in paths { group.addTask { (name, try await Self.read(stack, path)) } }
                for try await (name, read) in group {
                    #expect(read.elapsed < .milliseconds(2500), "\(name) answered after \(read.elapsed)")
                    if read.status == 503 {
                        #expect(read.response.header("Content-Type")?.hasPrefix("application/problem+json") == true)
                        #expect(read.response.header("Retry-After") != nil)
                    }
                    result[name] = "\(read.status)" + (read.degraded.map { " " + $0 } ?? "")
                }
            }
            return result
        }
        let whole = ["feed": "200", "post": "200", "comments": "200", "profile": "200"]
        let before = try await answers()
        #expect(before == whole, "\(before)")

        let frozen: [(ChildProcess, [String: String])] = [
            (stack.users, ["feed": "200 users", "post": "200 users", "comments": "200 users", "profile": "503"]),
            (stack.comments, ["feed": "200 comments", "post": "200 comments", "comments": "503", "profile": "200"]),
            (stack.blog, ["feed": "503", "post": "503", "comments": "200", "profile": "200 blog"]),
        ]
        for (service, expected) in frozen {
            service.signal(SIGSTOP)
            let got = try await answers()
            #expect(got == expected, "\(service.name) frozen: \(got)")
            service.signal(SIGCONT)
            try await pollUntil("whole answers after \(service.name) thaws", timeout: .seconds(20), interval: .milliseconds(100)) {
                try await answers() == whole
            }
        }
        let post = try await Self.read(stack, paths["post"]!)
        #expect(post.degraded == nil)

        // Stopped for good, one after another.
        await stack.users.stop()
        #expect(try await answers() == ["feed": "200 users", "post": "200 users", "comments": "200 users", "profile": "503"])
        await stack.comments.stop()
        #expect(try await answers() == ["feed": "200 comments,users", "post": "200 comments,users", "comments": "503", "profile": "503"])
        await stack.blog.stop()
        #expect(try await answers() == ["feed": "503", "post": "503", "comments": "503", "profile": "503"])
        #expect(try await stack.request("GET", "/health/live").status == 200)
    }
}
