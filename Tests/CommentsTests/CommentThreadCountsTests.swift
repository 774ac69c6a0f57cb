import Foundation
import InkwellContracts
import InkwellCore
import InkwellDataKit
import InkwellPostgres
import Logging
import Testing
import TestSupport
@testable import CommentsService

/// `comment_threads.approved_count` (migration 0150), kept by the comments trigger, against the
/// real PostgreSQL: it follows every kind of write, stays exact under concurrent writers of one
/// post, and the migration fills it for the comments that were there before.
@Suite struct CommentThreadCountsTests {
    /// The stored count of `post` (nil without a thread row).
    func stored(_ post: UUID, in postgres: PostgresClient) async throws -> Int64? {
        try await postgres.query("SELECT approved_count FROM comment_threads WHERE post_id = \(post)").first?.decode(column: "approved_count")
    }

    /// The count as the service counted it before 0150: the visible comments, counted.
    func recounted(_ post: UUID, in postgres: PostgresClient) async throws -> Int64 {
        try await postgres.query("""
            SELECT count(*)::int8 AS n FROM comments WHERE post_id = \(post) AND status = 'approved' AND NOT deleted
            """).first?.decode(column: "n") ?? -1
    }

    /// An approved comment on `post`, written in SQL on `connection` (the trigger runs at its commit).
    func insertApproved(on post: UUID, with connection: PostgresConnection) async throws {
        try await connection.execute("""
            INSERT INTO comments (id, post_id, author_id, body, status, version) VALUES (\(UUIDv7.generate()), \(post), \(UUID()), 'x', 'approved', 1)
            """)
    }

    /// Stored and recounted agree and are `expected`, and the counts read answers it.
    func expectCount(_ expected: Int, of post: UUID, in db: CommentsDatabase, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await stored(post, in: db.postgres) == Int64(expected), "stored, \(step)", sourceLocation: sourceLocation)
        #expect(try await recounted(post, in: db.postgres) == Int64(expected), "recounted, \(step)", sourceLocation: sourceLocation)
        let answer = try await PostgresCommentCountsRepository(postgres: db.postgres).approvedCounts(postIds: [post])
        #expect(answer == (expected > 0 ? [post: expected] : [:]), "answer, \(step)", sourceLocation: sourceLocation)
    }

    @Test func theStoredCountFollowsEveryWrite() async throws {
        try await CommentsDatabase.with { db in
            let author = CommentsDatabase.user()
            let post = try await db.post(author: author.id)
            let reader = CommentsDatabase.user(), moderator = CommentsDatabase.user(roles: ["moderator"])

            let thanks = try await db.create("thanks", on: post.slug, by: author)
            #expect(thanks.status == .approved)
            try await expectCount(1, of: post.id, in: db, "approved create")
            let first = try await db.create("first!", on: post.slug, by: reader)
            #expect(first.status == .pending)
            try await expectCount(1, of: post.id, in: db, "pending create")
            _ = try await db.comments.moderate(id: first.id, action: .approve)
            try await expectCount(2, of: post.id, in: db, "approval")
            _ = try await db.comments.moderate(id: thanks.id, action: .reject)
            try await expectCount(1, of: post.id, in: db, "rejection of an approved comment")
            let links = try await db.create("a.com b.com c.com", on: post.slug, by: moderator)
            #expect(links.status == .pending)
            _ = try await db.comments.moderate(id: links.id, action: .spam)
            try await expectCount(1, of: post.id, in: db, "a pending comment marked spam")
            // An edit that sends the comment back to moderation takes it out of the count.
            guard case .changed(let edited) = try await db.comments.edit(id: first.id, body: "x.com y.com z.com", by: reader) else {
                Issue.record("not edited"); return
            }
            #expect(edited.status == .pending)
            try await expectCount(0, of: post.id, in: db, "edit back to pending")
            _ = try await db.comments.moderate(id: first.id, action: .approve)

            let root = try await db.create("root", on: post.slug, by: moderator)
            let reply = try await db.create("reply", on: post.slug, by: moderator, parent: root.id)
            try await expectCount(3, of: post.id, in: db, "root and reply")
            #expect(try await db.comments.delete(id: root.id, by: moderator) == .deleted(.tombstone))
            try await expectCount(2, of: post.id, in: db, "tombstone")
            #expect(try await db.comments.delete(id: reply.id, by: moderator) == .deleted(.remove))
            try await expectCount(1, of: post.id, in: db, "removal")

            // A deleted post keeps its stored count but is answered as none.
            try await db.setPost(post.id, published: false, deleted: true)
            #expect(try await stored(post.id, in: db.postgres) == 1)
            #expect(try await PostgresCommentCountsRepository(postgres: db.postgres).approvedCounts(postIds: [post.id]).isEmpty)
        }
    }

    @Test func concurrentWritersOfOnePostLeaveTheExactCount() async throws {
        try await CommentsDatabase.with { db in
            let author = CommentsDatabase.user()
            let post = try await db.post(author: author.id)
            let other = try await db.post(author: author.id)
            // Rounds of ten waiting comments approved while twenty more are written, on two posts
            // (one round lost a count only now and then to a count taken before the lock wait).
            for round in 1...4 {
                var pending: [UUID] = []
                for _ in 0..<10 { pending.append(try await db.create("wait", on: post.slug, by: CommentsDatabase.user()).id) }
                try await expectCount(30 * (round - 1), of: post.id, in: db, "pending only, round \(round)")
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<20 {
                        group.addTask { _ = try await db.create("comment \(index)", on: post.slug, by: author) }
                        group.addTask { _ = try await db.create("other \(index)", on: other.slug, by: author) }
                    }
                    for id in pending { group.addTask { _ = try await db.comments.moderate(id: id, action: .approve) } }
                    try await group.waitForAll()
                }
                try await expectCount(30 * round, of: post.id, in: db, "after the concurrent writers, round \(round)")
                try await expectCount(20 * round, of: other.id, in: db, "the other post, round \(round)")
            }
            let both = try await PostgresCommentCountsRepository(postgres: db.postgres).approvedCounts(postIds: [post.id, other.id, UUID()])
            #expect(both == [post.id: 120, other.id: 80])
        }
    }

    /// The interleaving the SQL comment of 0150 is about, forced: a writer's commit waits on the
    /// thread's row lock held by another writer, which then commits; the waiter's count must
    /// include the comment of the one it waited for.
    @Test func aWriterThatWaitedForTheThreadLockCountsTheCommitBeforeIt() async throws {
        try await CommentsDatabase.with { db in
            let post = try await db.post()
            let second = try await db.postgres.withTransaction(maxAttempts: 1) { first in
                try await insertApproved(on: post.id, with: first)
                // Run the trigger now: this transaction holds the thread's row lock until it commits.
                try await first.execute("SET CONSTRAINTS comments_thread_version IMMEDIATE")
                let second = Task { try await db.postgres.withTransaction(maxAttempts: 1) { try await insertApproved(on: post.id, with: $0) } }
                // The second one's commit is waiting for that lock.
                _ = try await poll("the second writer to wait for the thread's lock") { () async throws -> Bool? in
                    let waiting: Int64 = try await db.postgres.query("""
                        SELECT count(*)::int8 AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                        """).first?.decode(column: "n") ?? 0
                    return waiting > 0 ? true : nil
                }
                // This one commits when the closure returns; the second one then counts.
                return second
            }
            try await second.value
            try await expectCount(2, of: post.id, in: db, "after the waiter committed")
        }
    }

    /// Migration 0160: a comment write on a post with a thread row writes that row once (the
    /// version and the count together), not twice, and inserts nothing; the count stays exact.
    @Test func aCommentWriteUpdatesItsThreadRowOnce() async throws {
        try await CommentsDatabase.with { db in
            let post = try await db.post()
            try await db.postgres.withTransaction(maxAttempts: 1) { try await insertApproved(on: post.id, with: $0) }
            let versionBefore: Int64? = try await db.postgres.query("SELECT version FROM comment_threads WHERE post_id = \(post.id)").first?.decode(column: "version")
            let writes = try await db.postgres.withTransaction(maxAttempts: 1) { connection in
                // The backend's row writes of the table not yet sent to the statistics (they may
                // still hold an earlier transaction's): read before and after, the difference is this one's.
                func written() async throws -> [Int64] {
                    let row = try await connection.query("""
                        SELECT pg_stat_get_xact_tuples_inserted('comment_threads'::regclass)::int8 AS inserted,
                               pg_stat_get_xact_tuples_updated('comment_threads'::regclass)::int8 AS updated
                        """).first
                    return [try row?.decode(column: "inserted") ?? -1, try row?.decode(column: "updated") ?? -1]
                }
                let before = try await written()
                try await insertApproved(on: post.id, with: connection)
                try await connection.execute("SET CONSTRAINTS comments_thread_version IMMEDIATE")
                let after = try await written()
                return zip(after, before).map { $0 - $1 }
            }
            #expect(writes == [0, 1])
            let versionAfter: Int64? = try await db.postgres.query("SELECT version FROM comment_threads WHERE post_id = \(post.id)").first?.decode(column: "version")
            #expect(versionBefore == 1)
            #expect(versionAfter == 2)
            try await expectCount(2, of: post.id, in: db, "after two writes")
        }
    }

    @Test func theMigrationCountsTheCommentsAlreadyThere() async throws {
        try await CommentsDatabase.migrated(before: 150) { postgres, migrateRest in
            let posts = (0..<3).map { _ in UUIDv7.generate() }
            for post in posts {
                try await postgres.execute("INSERT INTO posts (id, slug, author_id, version, published, deleted) VALUES (\(post), \(post.lowercased), \(UUID()), 1, true, false)")
            }
            func comment(_ post: UUID, _ status: String, deleted: Bool = false) async throws {
                try await postgres.execute("""
                    INSERT INTO comments (id, post_id, author_id, body, status, deleted, version) VALUES (\(UUIDv7.generate()), \(post), \(UUID()), 'x', \(status), \(deleted), 1)
                    """)
            }
            for _ in 0..<3 { try await comment(posts[0], "approved") }
            try await comment(posts[0], "pending")
            try await comment(posts[0], "approved", deleted: true)
            try await comment(posts[1], "approved")
            try await comment(posts[2], "rejected")
            // Comments from before 0140 have no thread row.
            try await postgres.execute("DELETE FROM comment_threads WHERE post_id = \(posts[1])")
            let versionBefore: Int64? = try await postgres.query("SELECT version FROM comment_threads WHERE post_id = \(posts[0])").first?.decode(column: "version")

            try await migrateRest()
            #expect(try await stored(posts[0], in: postgres) == 3)
            #expect(try await stored(posts[1], in: postgres) == 1)
            #expect(try await stored(posts[2], in: postgres) == 0)
            // The thread row added for the old comments has the version readers assumed (0), the others keep theirs.
            #expect(try await postgres.query("SELECT version FROM comment_threads WHERE post_id = \(posts[1])").first?.decode(column: "version", as: Int64.self) == 0)
            #expect(try await postgres.query("SELECT version FROM comment_threads WHERE post_id = \(posts[0])").first?.decode(column: "version", as: Int64.self) == versionBefore)
            let counts = try await PostgresCommentCountsRepository(postgres: postgres).approvedCounts(postIds: posts)
            #expect(counts == [posts[0]: 3, posts[1]: 1])
        }
    }
}
