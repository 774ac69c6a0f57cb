import Foundation
import InkwellHTTPClient
import InkwellPostgres
import Testing
import TestSupport

/// The blog's event work as real processes through the gateway: an account erased in the users
/// service loses its posts with a `post.deleted` for each published one (through the blog's users.events consumer),
/// and with two blog replicas a post scheduled 2 s ahead is published within 5 s, once. The
/// events are read from Kafka as an outside consumer would and validated against their JSON
/// Schemas. The posts are inserted by SQL as the blog role (the posts API is another part's).
@Suite(.serialized) struct BlogEventsTests {
    static let stack = Task { try await ServiceStack.start() }

    func stack() async throws -> ServiceStack { try await Self.stack.value }

    @Test func anErasedAccountLosesItsPostsWithOnePostDeletedPerPublishedPost() async throws {
        let stack = try await stack()
        let username = uniqueUsername("er")
        let registered = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "\#(username)@example.org", "username": "\#(username)", "password": "correct-horse-battery"}"#)
        try #require(registered.status == 201, "\(registered.text)")
        let userId = try #require(registered.json["id"] as? String)
        let login = try await stack.request("POST", "/api/v1/auth/login", json: #"{"login": "\#(username)", "password": "correct-horse-battery"}"#)
        let access = try #require(login.json["accessToken"] as? String, "\(login.text)")

        // The blog learns the author from user.registered.
        try await pollUntil("the blog's authors projection to know \(username)", timeout: .seconds(30), interval: .milliseconds(100)) {
            try await blog(stack) { try await $0.query("SELECT 1 FROM authors WHERE id = \(UUID(uuidString: userId)!) AND username = \(username) AND NOT erased") }.count == 1
        }
        let author = UUID(uuidString: userId)!
        var published: Set<String> = []
        for _ in 0..<2 { published.insert(try await insertPost(stack, author: author, status: "published")) }
        // A draft that was never published is deleted too, without an event (nobody outside knew it).
        let draft = try await insertPost(stack, author: author, status: "draft")
        let posts = published

        let deleted = try await stack.request("DELETE", "/api/v1/users/me", json: #"{"password": "correct-horse-battery"}"#, headers: [HTTPHeader(name: "Authorization", value: "Bearer \(access)")])
        #expect(deleted.status == 204, "\(deleted.text)")

        let records = try await collectRecords(brokers: stack.brokers, topic: stack.topicPrefix + "blog.events") { records in
            Set(records.filter { $0.json["type"] as? String == "inkwell.blog.post.deleted.v1" }.compactMap(\.keyString)).isSuperset(of: posts)
        }
        let mine = records.filter { posts.contains($0.keyString ?? "") }
        #expect(mine.count == posts.count, "one post.deleted per published post")
        #expect(!records.contains { $0.keyString == draft }, "none for the never-published draft")
        for record in mine {
            let data = record.json["data"] as? [String: Any]
            #expect(record.json["type"] as? String == "inkwell.blog.post.deleted.v1")
            #expect(record.headerString("ce_type") == "inkwell.blog.post.deleted.v1")
            #expect(record.json["subject"] as? String == record.keyString)
            #expect(data?["authorId"] as? String == userId)
            #expect(data?["version"] as? Int == 2)
        }
        #expect(try await blog(stack) { try await $0.query("SELECT 1 FROM posts WHERE author_id = \(author)") }.isEmpty)
        #expect(try await blog(stack) { try await $0.query("SELECT 1 FROM authors WHERE id = \(author) AND erased AND username = ''") }.count == 1)
        try UsersAuthTests.validateAgainstSchemas(mine.map(\.value))
    }

    @Test func aPostScheduledTwoSecondsAheadIsPublishedWithinFiveSecondsOnceWithTwoReplicas() async throws {
        let stack = try await stack()
        let replica = try startSecondBlog(stack)
        try await pollUntil("the second blog replica to be ready", timeout: .seconds(60), interval: .milliseconds(100)) {
            if !replica.process.isRunning { throw ReplicaExited(output: replica.process.output()) }
            let response = try? await stack.http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(replica.port)/health/ready", timeout: .seconds(3)))
            return response?.status == 200
        }
        let postId = try await insertPost(stack, author: UUID(), status: "scheduled", publishIn: 2)

        try await pollUntil("the scheduled post to be published", timeout: .seconds(15), interval: .milliseconds(100)) {
            try await blog(stack) { try await $0.query("SELECT 1 FROM posts WHERE id = \(UUID(uuidString: postId)!) AND status = 'published'") }.count == 1
        }
        let timing = try #require(try await blog(stack) {
            try await $0.query("""
                SELECT extract(epoch FROM updated_at - publish_at)::float8 AS late, published_at = publish_at AS exact, version
                FROM posts WHERE id = \(UUID(uuidString: postId)!)
                """)
        }.first)
        let late = try timing.decode(column: "late", as: Double.self)
        #expect(late >= 0 && late <= 5, "published \(late) s after its publishAt")
        #expect(try timing.decode(column: "exact", as: Bool.self))
        #expect(try timing.decode(column: "version", as: Int64.self) == 2)

        let records = try await collectRecords(brokers: stack.brokers, topic: stack.topicPrefix + "blog.events") { records in
            records.contains { $0.keyString == postId && $0.json["type"] as? String == "inkwell.blog.post.published.v1" }
        }
        let published = records.filter { $0.keyString == postId }
        #expect(published.count == 1)
        #expect(((published.first?.json["data"] as? [String: Any])?["post"] as? [String: Any])?["status"] as? String == "published")
        // Exactly once: a single outbox row was ever written for the post, whichever replica won.
        #expect(try await blog(stack) { try await $0.query("SELECT 1 FROM outbox WHERE record_key = \(postId)") }.count == 1)
        #expect(replica.process.isRunning && stack.blog.isRunning, "both replicas ran throughout")
        try UsersAuthTests.validateAgainstSchemas(published.map(\.value))
        await replica.process.stop()
    }

    // MARK: - Helpers

    /// Runs `body` on the stack's database as the blog role.
    func blog<T: Sendable>(_ stack: ServiceStack, _ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        try await TestDatabase.withClient(url: try stack.database.url(role: "blog"), body)
    }

    /// Inserts a post by SQL; `publishIn` seconds ahead (database time) for a scheduled one. Returns its id.
    func insertPost(_ stack: ServiceStack, author: UUID, status: String, publishIn: Double? = nil) async throws -> String {
        let id = UUID()
        let slug = "ev-" + id.uuidString.lowercased()
        _ = try await blog(stack) { client in
            try await client.execute("""
                INSERT INTO posts (id, author_id, slug, title, body_markdown, body_html, excerpt, status, publish_at, published_at, tag_slugs, tag_names)
                VALUES (\(id), \(author), \(slug), 'Events', 'Body', '<p>Body</p>', 'Body', \(status),
                        CASE WHEN \(publishIn)::float8 IS NULL THEN NULL ELSE now() + make_interval(secs => \(publishIn)::float8) END,
                        CASE WHEN \(status) = 'published' THEN now() END, '{events}', '{Events}')
                """)
        }
        return id.uuidString.lowercased()
    }

    /// Another blog process on the stack's database and topics (a second replica).
    func startSecondBlog(_ stack: ServiceStack) throws -> (process: ChildProcess, port: Int) {
        let port = freeLocalPort()
        let process = try ChildProcess(name: "blog-2", executable: try TestEnvironment.binDir() + "/inkwell-blog", environment: [
            "HTTP_HOST": "127.0.0.1", "HTTP_PORT": String(port), "KAFKA_BROKERS": stack.brokers, "KAFKA_TOPIC_PREFIX": stack.topicPrefix,
            "LOG_LEVEL": "info", "LOG_FORMAT": "text", "DATABASE_URL": try stack.database.url(role: "blog"),
            "JWKS_URL": stack.usersURL + "/.well-known/jwks.json",
        ], logDirectory: try TestEnvironment.scratchDirectory("stack"))
        return (process, port)
    }

    struct ReplicaExited: Error, CustomStringConvertible {
        let output: String
        var description: String { "the second blog replica exited:\n\(output.suffix(3000))" }
    }
}
