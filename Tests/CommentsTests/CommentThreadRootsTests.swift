import Foundation
import InkwellContracts
import InkwellCore
import InkwellDataKit
import InkwellEvents
import InkwellPostgres
import Logging
import Testing
import TestSupport
@testable import CommentsService

/// The tree read by thread root (migration 0130): every depth, moderation below the root,
/// tombstones, pages across threads, and the backfill of comments written before it.
@Suite struct CommentThreadRootsTests {
    @Test func repliesNestToAnyDepth() async throws {
        try await CommentsDatabase.with { db in
            let moderator = CommentsDatabase.user(roles: ["moderator"])
            let post = try await db.post()
            let root = try await db.create("root", on: post.slug, by: moderator)
            var chain: [UUID] = []
            var parent = root.id
            for depth in 1...40 {
                parent = try await db.create("depth \(depth)", on: post.slug, by: moderator, parent: parent).id
                chain.append(parent)
            }
            let other = try await db.create("other", on: post.slug, by: moderator)
            let page = try await db.comments.treePage(postId: post.id, limit: 5, after: nil)
            #expect(page.map(\.comment?.id) == [root.id, other.id])
            var node = try #require(page[0].comment)
            var seen: [UUID] = []
            while let next = node.replies.first {
                #expect(node.replies.count == 1)
                seen.append(next.id)
                node = next
            }
            #expect(seen == chain)
            #expect(page[1].comment?.replies.isEmpty == true)
            #expect(try await db.comments.tree(postId: post.id) == page.compactMap(\.comment))
        }
    }

    @Test func aReplyApprovedLaterShowsWithWhatHangsBelowIt() async throws {
        try await CommentsDatabase.with { db in
            let moderator = CommentsDatabase.user(roles: ["moderator"])
            let post = try await db.post()
            let root = try await db.create("root", on: post.slug, by: moderator)
            let pending = try await db.create("pending", on: post.slug, by: CommentsDatabase.user(), parent: root.id)
            #expect(pending.status == .pending)
            let below = try await db.create("below the pending one", on: post.slug, by: moderator, parent: pending.id)
            #expect(below.status == .approved)
            // Below a comment that is not approved nothing shows.
            #expect(try await db.comments.treePage(postId: post.id, limit: 5, after: nil).first?.comment?.replies.isEmpty == true)
            _ = try await db.comments.moderate(id: pending.id, action: .approve)
            let page = try await db.comments.treePage(postId: post.id, limit: 5, after: nil)
            #expect(page.first?.comment?.replies.map(\.id) == [pending.id])
            #expect(page.first?.comment?.replies.first?.replies.map(\.id) == [below.id])
            #expect(try await db.comments.tree(postId: post.id) == page.compactMap(\.comment))
        }
    }

    @Test func aDeletedRootWithRepliesIsATombstone() async throws {
        try await CommentsDatabase.with { db in
            let moderator = CommentsDatabase.user(roles: ["moderator"])
            let post = try await db.post()
            let root = try await db.create("root", on: post.slug, by: moderator)
            let reply = try await db.create("reply", on: post.slug, by: moderator, parent: root.id)
            let lone = try await db.create("lone", on: post.slug, by: moderator)
            #expect(try await db.comments.delete(id: root.id, by: moderator) == .deleted(.tombstone))
            #expect(try await db.comments.delete(id: lone.id, by: moderator) == .deleted(.remove))
            let page = try await db.comments.treePage(postId: post.id, limit: 5, after: nil)
            #expect(page.count == 1)
            let tombstone = try #require(page.first?.comment)
            #expect(tombstone.id == root.id && tombstone.deleted && tombstone.body.isEmpty)
            #expect(tombstone.replies.map(\.id) == [reply.id] && tombstone.replies[0].body == "reply")
        }
    }

    @Test func pagesCarryOnlyTheirOwnThreads() async throws {
        try await CommentsDatabase.with { db in
            let moderator = CommentsDatabase.user(roles: ["moderator"])
            let post = try await db.post()
            let otherPost = try await db.post()
            var roots: [Comment] = []
            var repliesOf: [UUID: [UUID]] = [:]
            for i in 0..<5 {
                let root = try await db.create("root \(i)", on: post.slug, by: moderator)
                roots.append(root)
                let reply = try await db.create("reply \(i)", on: post.slug, by: moderator, parent: root.id)
                repliesOf[root.id] = [reply.id]
                _ = try await db.create("elsewhere \(i)", on: otherPost.slug, by: moderator)
            }
            // A later reply to the first root: still in the first root's thread, oldest first.
            let late = try await db.create("late reply", on: post.slug, by: moderator, parent: roots[0].id)
            repliesOf[roots[0].id]?.append(late.id)
            var after: CommentPosition?
            var shown: [Comment] = []
            var pages = 0
            repeat {
                let page = try await db.comments.treePage(postId: post.id, limit: 3, after: after)
                pages += 1
                let items = Array(page.prefix(2))
                shown += items.compactMap(\.comment)
                after = page.count > 2 ? items.last?.position : nil
            } while after != nil
            #expect(pages == 3)
            #expect(shown.map(\.id) == roots.map(\.id))
            for root in shown { #expect(root.replies.map(\.id) == repliesOf[root.id]) }
        }
    }

    @Test func theMigrationBackfillsCommentsWrittenBeforeIt() async throws {
        try await CommentsDatabase.migrated(before: 130) { postgres, migrateRest in
            let post = UUIDv7.generate(), author = UUIDv7.generate()
            let root = UUIDv7.generate(), reply = UUIDv7.generate(), deep = UUIDv7.generate(), second = UUIDv7.generate()
            try await postgres.execute("INSERT INTO posts (id, slug, author_id, version, published) VALUES (\(post), 'old-post', \(author), 1, true)")
            for (id, parent, body) in [(root, nil, "root"), (reply, root, "reply"), (deep, reply, "deep"), (second, nil, "second")] as [(UUID, UUID?, String)] {
                try await postgres.execute("""
                    INSERT INTO comments (id, post_id, parent_id, author_id, body, status, created_at)
                    VALUES (\(id), \(post), \(parent), \(author), \(body), 'approved', clock_timestamp())
                    """)
            }
            try await migrateRest()
            let roots = try await postgres.query("SELECT id, root_id FROM comments").map {
                (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "root_id", as: UUID?.self))
            }
            #expect(Dictionary(uniqueKeysWithValues: roots) == [root: root, reply: root, deep: root, second: second])
            let repository = PostgresCommentRepository(units: UnitOfWorkRunner(postgres: postgres, relaySignal: WakeSignal(), topicPrefix: "test."))
            let page = try await repository.treePage(postId: post, limit: 5, after: nil)
            #expect(page.map(\.comment?.id) == [root, second])
            #expect(page.first?.comment?.replies.first?.replies.map(\.id) == [deep])
            // Written after it: the trigger sets the root.
            let later = UUIDv7.generate()
            try await postgres.execute("""
                INSERT INTO comments (id, post_id, parent_id, author_id, body, status) VALUES (\(later), \(post), \(deep), \(author), 'later', 'approved')
                """)
            #expect(try await postgres.query("SELECT root_id FROM comments WHERE id = \(later)").first?.decode(column: "root_id", as: UUID.self) == root)
        }
    }
}
