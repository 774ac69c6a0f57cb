@testable import BlogService
import Foundation
import InkwellContracts
import InkwellCore
import InkwellPostgres
import Testing

/// `user.deleted` in the blog, against the real PostgreSQL: the author's posts (any status) are
/// deleted with one `post.deleted` for each that was ever published, in the outbox of the same
/// transaction (a draft never published emits nothing, as on DELETE); other authors'
/// posts stay; a repeat finds nothing; a failure rolls the deletions back with their events.
@Suite struct AuthorErasureTests {
    @Test func erasureDeletesEveryPostWithOnePostDeletedPerPublishedOne() async throws {
        try await BlogEventsDatabase.with { db in
            let author = UUID(), other = UUID()
            try await db.deliver(UserRegistered(userId: author, username: "erin", displayName: "E", createdAt: Date(), version: 1))
            var mine: [UUID: Int64] = [:]
            mine[try await db.insertPost(author: author, version: 1)] = 1
            mine[try await db.insertPost(author: author, version: 4, tags: ["swift"])] = 4
            let draft = try await db.insertPost(author: author, status: .draft, version: 2)
            let scheduled = try await db.insertPost(author: author, status: .scheduled, publishAt: Date().addingTimeInterval(3600))
            let kept = try await db.insertPost(author: other)
            let oldSlug = "old-slug-of-erin"
            try await db.postgres.execute("INSERT INTO post_slug_redirects (slug, post_id) VALUES (\(oldSlug), \(mine.keys.first!))")

            #expect(try await db.deliver(UserDeleted(userId: author, version: 5)) == .applied)

            #expect(try await db.count("SELECT count(*)::int8 AS n FROM posts WHERE author_id = \(author)") == 0)
            #expect(try await db.count("SELECT count(*)::int8 AS n FROM posts WHERE id = \(kept)") == 1)
            #expect(try await db.count("SELECT count(*)::int8 AS n FROM post_slug_redirects") == 0)
            let rows = try await db.outbox(PostDeleted.self)
            #expect(rows.count == 2)
            #expect(Set(rows.map(\.event.data.postId)) == Set(mine.keys), "drafts and scheduled posts never published emit nothing")
            #expect(try await db.count("SELECT count(*)::int8 AS n FROM posts WHERE id IN (\(draft), \(scheduled))") == 0)
            for row in rows {
                let event = row.event
                #expect(row.topic == "test.blog.events")
                #expect(row.key == event.data.postId.uuidString.lowercased())
                #expect(event.subject == row.key)
                #expect(event.source == "inkwell/blog")
                #expect(event.data.authorId == author)
                #expect(event.data.slug == "p-" + event.data.postId.uuidString.lowercased())
                #expect(event.data.version == mine[event.data.postId]! + 1, "the post's version + 1")
            }
            #expect(try await db.count("SELECT count(*)::int8 AS n FROM outbox") == 2, "nothing else is published")
        }
    }

    @Test func aRepeatedErasureDeletesNothingMoreAndPublishesNothing() async throws {
        try await BlogEventsDatabase.with { db in
            let author = UUID()
            try await db.insertPost(author: author)
            try await db.deliver(UserDeleted(userId: author, version: 2))
            // The same deletion under a new event id (e.g. republished by the users relay after a crash).
            #expect(try await db.deliver(UserDeleted(userId: author, version: 2)) == .applied)
            #expect(try await db.outbox(PostDeleted.self).count == 1)
            #expect(try await db.author(author)?.erased == true)
        }
    }

    @Test func anAuthorWithoutPostsIsErasedWithoutEvents() async throws {
        try await BlogEventsDatabase.with { db in
            let author = UUID()
            try await db.deliver(UserDeleted(userId: author, version: 2))
            #expect(try await db.count("SELECT count(*)::int8 AS n FROM outbox") == 0)
            #expect(try await db.author(author)?.erased == true)
        }
    }

    @Test func aFailureAfterTheErasureRollsBackPostsAndEvents() async throws {
        try await BlogEventsDatabase.with { db in
            let author = UUID()
            try await db.insertPost(author: author)
            await #expect(throws: Rollback.self) {
                try await db.postgres.withTransaction { connection in
                    try await AuthorErasure(topicPrefix: "").apply(userId: author, version: 2, on: connection)
                    throw Rollback()
                }
            }
            #expect(try await db.count("SELECT count(*)::int8 AS n FROM posts WHERE author_id = \(author)") == 1)
            #expect(try await db.count("SELECT count(*)::int8 AS n FROM outbox") == 0)
            #expect(try await db.author(author) == nil)
        }
    }

    struct Rollback: Error {}
}
