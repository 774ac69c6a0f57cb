import Foundation
import InkwellContracts
import InkwellCore
import InkwellHTTPClient
import InkwellKafka
import InkwellPostgres
import Logging
import Testing
import TestSupport

/// The comments service's consumers against the real processes and broker, with the blog
/// service stopped: blog events published to the stack's topic (as the blog's relay would) build
/// the projection within 2 s; redelivered and out-of-order events leave it right; the erasure of
/// an account's comments publishes `comment.deleted` events matching their schema; the internal
/// counts follow.
@Suite(.serialized) struct CommentsConsumerTests {
    static let stack = Task { try await ServiceStack.start() }
    func stack() async throws -> ServiceStack { try await Self.stack.value }

    @Test func projectionFollowsBlogEventsWithTheBlogServiceStopped() async throws {
        let stack = try await stack()
        // The comments service never calls the blog service: it is not even running.
        await stack.blog.stop()
        try await withProducer(stack) { producer in
            let topic = stack.topicPrefix + "blog.events"
            // The first event also waits for the consumer's partition assignment.
            let warmUp = UUID()
            try await producer.publish(PostPublished(post: Self.snapshot(id: warmUp, slug: "warm-\(warmUp.lowercased)"), version: 1), topic: topic)
            _ = try await poll("the first post in the projection", timeout: .seconds(30)) { try await Self.post(warmUp, in: stack) }

            let post = UUID(), author = UUID()
            let published = PostPublished(post: Self.snapshot(id: post, slug: "fresh-\(post.lowercased)", authorId: author), version: 1)
            let eventId = UUIDv7.generate()
            let start = ContinuousClock.now
            try await producer.publish(published, id: eventId, topic: topic)
            let row = try await poll("the published post in the projection", timeout: .seconds(2), interval: .milliseconds(20)) { try await Self.post(post, in: stack) }
            let elapsed = ContinuousClock.now - start
            #expect(row == Row(slug: "fresh-\(post.lowercased)", published: true, deleted: false, version: 1))
            print("comments: post.published visible in the projection after \(elapsed)")

            // Redelivered (same event id), then out of order: unpublished v3 before updated v2
            // and a stale republish of v1 under a new id; then v4.
            try await producer.publish(published, id: eventId, topic: topic)
            let later = [
                try await producer.publish(PostUnpublished(postId: post, slug: "moved-\(post.lowercased)", version: 3), topic: topic),
                try await producer.publish(PostUpdated(post: Self.snapshot(id: post, slug: "older-\(post.lowercased)", authorId: author), version: 2), topic: topic),
                try await producer.publish(published, topic: topic),
                try await producer.publish(PostPublished(post: Self.snapshot(id: post, slug: "final-\(post.lowercased)", authorId: author), version: 4), topic: topic),
            ]
            let final = try await poll("version 4 in the projection") { try await Self.post(post, in: stack).flatMap { $0.version == 4 ? $0 : nil } }
            #expect(final == Row(slug: "final-\(post.lowercased)", published: true, deleted: false, version: 4))
            // Every one was consumed (its inbox row), the redelivery once: v3 made the post
            // unpublished for a while, v2 and the republished v1 changed nothing.
            let processed = try await Self.scalar(stack, "SELECT count(*)::int8 AS n FROM processed_events WHERE event_id = ANY(\([eventId] + later))")
            #expect(processed == 5)
        }
    }

    @Test func erasurePublishesCommentDeletedAndCountsFollow() async throws {
        let stack = try await stack()
        try await withProducer(stack) { producer in
            let blogTopic = stack.topicPrefix + "blog.events"
            let post = UUID(), quiet = UUID(), user = UUID(), other = UUID()
            try await producer.publish(PostPublished(post: Self.snapshot(id: post, slug: "erasure-\(post.lowercased)"), version: 1), topic: blogTopic)
            try await producer.publish(PostPublished(post: Self.snapshot(id: quiet, slug: "quiet-\(quiet.lowercased)"), version: 1), topic: blogTopic)
            _ = try await poll("both posts in the projection", timeout: .seconds(30)) { try await Self.post(quiet, in: stack) }
            _ = try await poll("both posts in the projection") { try await Self.post(post, in: stack) }

            // Comments seeded by SQL: the user's parent with someone else's reply, a lone one,
            // and a pending one; someone else's approved comment.
            let parent = UUID(), reply = UUID(), lone = UUID(), pending = UUID(), others = UUID()
            try await TestDatabase.withClient(url: try stack.database.url(role: "comments")) { db in
                for (id, parentId, author, status) in [
                    (parent, nil, user, "approved"), (reply, parent, other, "approved"), (lone, nil, user, "approved"),
                    (pending, nil, user, "pending"), (others, nil, other, "approved"),
                ] as [(UUID, UUID?, UUID, String)] {
                    try await db.execute("""
                        INSERT INTO comments (id, post_id, parent_id, author_id, body, status) VALUES (\(id), \(post), \(parentId), \(author), 'hi', \(status))
                        """)
                }
            }
            #expect(try await Self.counts(stack, [post, quiet]) == [post.lowercased: 4, quiet.lowercased: 0])

            try await producer.publish(UserDeleted(userId: user, version: 3), topic: stack.topicPrefix + "users.events")
            let records = try await collectRecords(brokers: stack.brokers, topic: stack.topicPrefix + "comments.events") { records in
                records.filter { $0.keyString == post.lowercased }.count >= 3
            }
            let mine = records.filter { $0.keyString == post.lowercased }
            #expect(mine.count == 3)
            #expect(Set(mine.compactMap { $0.json["subject"] as? String }) == [parent.lowercased, lone.lowercased, pending.lowercased])
            for record in mine {
                #expect(record.json["type"] as? String == "inkwell.comments.comment.deleted.v1")
                #expect(record.headerString("ce_type") == "inkwell.comments.comment.deleted.v1")
            }
            try UsersAuthTests.validateAgainstSchemas(mine.map(\.value))
            // The parent stays as a tombstone (its reply counts), the others are gone.
            #expect(try await Self.counts(stack, [post]) == [post.lowercased: 2])
            let tombstone = try await Self.scalar(stack, "SELECT count(*)::int8 AS n FROM comments WHERE id = \(parent) AND deleted AND body = ''")
            #expect(tombstone == 1)

            // A deleted post hides its comments from the counts.
            try await producer.publish(PostDeleted(postId: post, slug: "erasure-\(post.lowercased)", authorId: UUID(), version: 2), topic: blogTopic)
            _ = try await poll("the post deleted") { try await Self.post(post, in: stack).flatMap { $0.deleted ? $0 : nil } }
            #expect(try await Self.counts(stack, [post]) == [post.lowercased: 0])
        }
    }

    @Test func countsRejectMalformedRequests() async throws {
        let stack = try await stack()
        let base = "http://127.0.0.1:\(stack.ports["comments"]!)/internal/v1/comment-counts"
        for query in ["", "?postIds=nope", "?postIds=" + (0...100).map { _ in UUID().lowercased }.joined(separator: ",")] {
            let response = try await stack.http.execute(HTTPClientRequest(url: base + query, timeout: .seconds(5)))
            #expect(response.status == 400, "\(query.prefix(40)): \(response.text)")
            #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        }
        // And the gateway never routes it.
        let viaGateway = try await stack.request("GET", "/internal/v1/comment-counts?postIds=\(UUID().lowercased)")
        #expect(viaGateway.status == 404)
    }

    @Test func everyCommentEventAsTheContractEncodesItMatchesItsSchema() throws {
        let snapshot = CommentSnapshot(id: UUID(), postId: UUID(), parentId: nil, authorId: UUID(), body: "line one\nline two", status: .pending, createdAt: Date())
        let reply = CommentSnapshot(id: UUID(), postId: snapshot.postId, parentId: snapshot.id, authorId: UUID(), body: "é", status: .approved, createdAt: Date())
        let events: [[UInt8]] = [
            try Self.encode(CommentCreated(comment: snapshot, version: 1)),
            try Self.encode(CommentCreated(comment: reply, version: 1)),
            try Self.encode(CommentUpdated(comment: snapshot, version: 2)),
            try Self.encode(CommentApproved(commentId: snapshot.id, postId: snapshot.postId, version: 3)),
            try Self.encode(CommentRejected(commentId: snapshot.id, postId: snapshot.postId, status: .spam, version: 4)),
            try Self.encode(CommentDeleted(commentId: snapshot.id, postId: snapshot.postId, version: 5)),
        ]
        try UsersAuthTests.validateAgainstSchemas(events)
    }

    // MARK: - Helpers

    struct Row: Equatable {
        var slug: String
        var published: Bool
        var deleted: Bool
        var version: Int64
    }

    static func snapshot(id: UUID, slug: String, authorId: UUID = UUID()) -> PostSnapshot {
        PostSnapshot(
            summary: PostSummary(id: id, slug: slug, title: "T", excerpt: "E", publishedAt: Date(), authorId: authorId, tags: [], coverImageUrl: nil),
            status: .published, updatedAt: Date())
    }

    static func encode<Event: InkwellEvent>(_ event: Event) throws -> [UInt8] { Array(try InkwellJSON.encoder.encode(CloudEvent(event))) }

    static func post(_ id: UUID, in stack: ServiceStack) async throws -> Row? {
        try await TestDatabase.withClient(url: try stack.database.url(role: "comments")) { db in
            try await db.query("SELECT slug, published, deleted, version FROM posts WHERE id = \(id)").first.map {
                Row(slug: try $0.decode(column: "slug"), published: try $0.decode(column: "published"), deleted: try $0.decode(column: "deleted"), version: try $0.decode(column: "version"))
            }
        }
    }

    static func scalar(_ stack: ServiceStack, _ query: PostgresQuery) async throws -> Int64 {
        try await TestDatabase.withClient(url: try stack.database.url(role: "comments")) { db in
            try await db.query(query).first!.decode(column: "n", as: Int64.self)
        }
    }

    /// `GET /internal/v1/comment-counts` on the comments service itself.
    static func counts(_ stack: ServiceStack, _ ids: [UUID]) async throws -> [String: Int] {
        let url = "http://127.0.0.1:\(stack.ports["comments"]!)/internal/v1/comment-counts?postIds=" + ids.map(\.lowercased).joined(separator: ",")
        let response = try await stack.http.execute(HTTPClientRequest(url: url, timeout: .seconds(5)))
        #expect(response.status == 200, "\(response.text)")
        return (response.json["counts"] as? [String: Int]) ?? [:]
    }

    /// A producer writing to the stack's broker as another service's relay would.
    func withProducer(_ stack: ServiceStack, _ body: @Sendable (EventProducer) async throws -> Void) async throws {
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(brokers: stack.brokers, clientId: "test-comments", messageTimeout: .seconds(10)), logger: Logger(label: "test.producer"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await producer.run() }
            defer { group.cancelAll() }
            try await body(EventProducer(producer: producer))
        }
    }

    struct EventProducer: Sendable {
        let producer: KafkaProducer

        /// Sends `event` as a CloudEvent with `id`; returns the id.
        @discardableResult
        func publish<Event: InkwellEvent>(_ event: Event, id: UUID = UUIDv7.generate(), topic: String) async throws -> UUID {
            let value = Array(try InkwellJSON.encoder.encode(CloudEvent(event, id: id)))
            _ = try await producer.send(
                topic: topic, key: Array(event.key.utf8), value: value,
                headers: [KafkaHeader(key: "content-type", string: "application/cloudevents+json"), KafkaHeader(key: "ce_type", string: Event.type)])
            return id
        }
    }
}
