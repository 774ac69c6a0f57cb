import CommentsService
import Foundation
import InkwellContracts
import Testing

/// `user.deleted` through the service's handlers, against the real PostgreSQL: the user's
/// comments become tombstones (when replies remain) or disappear, each with one
/// `comment.deleted` in the outbox of the same transaction.
@Suite struct CommentErasureTests {
    typealias DB = ConsumerDatabase

    @Test func commentWithRepliesBecomesATombstoneAndOneWithoutDisappears() async throws {
        try await DB.with { db throws in
            let user = UUID(), other = UUID()
            let post = try await db.seedPost()
            let parent = try await db.seedComment(postId: post, authorId: user, body: "keep my replies", version: 2)
            let reply = try await db.seedComment(postId: post, parentId: parent, authorId: other, body: "a reply")
            let alone = try await db.seedComment(postId: post, authorId: user, body: "alone")
            let othersComment = try await db.seedComment(postId: post, authorId: other, body: "not theirs")

            try await db.deliver(UserDeleted(userId: user, version: 4))

            #expect(try await db.comment(parent) == StoredComment(body: "", deleted: true, version: 3, authorId: user))
            #expect(try await db.comment(alone) == nil)
            #expect(try await db.comment(reply) == StoredComment(body: "a reply", deleted: false, version: 1, authorId: other))
            #expect(try await db.comment(othersComment)?.body == "not theirs")

            let entries = try await db.outbox(CommentDeleted.self)
            #expect(entries.map(\.event.data).sorted { $0.version < $1.version } == [
                CommentDeleted(commentId: alone, postId: post, version: 2),
                CommentDeleted(commentId: parent, postId: post, version: 3),
            ])
            for entry in entries {
                #expect(entry.topic == "test.comments.events")
                #expect(entry.key == post.uuidString.lowercased())
                #expect(entry.event.subject == entry.event.data.commentId.uuidString.lowercased())
                #expect(entry.event.source == "inkwell/comments")
            }
        }
    }

    @Test func theUsersOwnRepliesGoFirstSoTheirParentIsRemovedToo() async throws {
        try await DB.with { db throws in
            let user = UUID()
            let post = try await db.seedPost()
            let root = try await db.seedComment(postId: post, authorId: user)
            let child = try await db.seedComment(postId: post, parentId: root, authorId: user)
            let grandchild = try await db.seedComment(postId: post, parentId: child, authorId: user)

            try await db.deliver(UserDeleted(userId: user, version: 2))

            for id in [root, child, grandchild] { #expect(try await db.comment(id) == nil) }
            #expect(try await db.outbox(CommentDeleted.self).count == 3)
        }
    }

    @Test func aReplyOfAnyStatusKeepsTheTombstone() async throws {
        try await DB.with { db throws in
            let user = UUID()
            let post = try await db.seedPost()
            let parent = try await db.seedComment(postId: post, authorId: user)
            try await db.seedComment(postId: post, parentId: parent, authorId: UUID(), status: .pending)

            try await db.deliver(UserDeleted(userId: user, version: 2))

            #expect(try await db.comment(parent)?.deleted == true)
        }
    }

    @Test func pendingAndRejectedCommentsAreErasedToo() async throws {
        try await DB.with { db throws in
            let user = UUID()
            let post = try await db.seedPost()
            let pending = try await db.seedComment(postId: post, authorId: user, status: .pending)
            let spam = try await db.seedComment(postId: post, authorId: user, status: .spam)

            try await db.deliver(UserDeleted(userId: user, version: 2))

            #expect(try await db.comment(pending) == nil)
            #expect(try await db.comment(spam) == nil)
            #expect(try await db.outbox(CommentDeleted.self).count == 2)
        }
    }

    @Test func anEarlierTombstoneIsNotAnnouncedAgain() async throws {
        try await DB.with { db throws in
            let user = UUID()
            let post = try await db.seedPost()
            let tombstone = try await db.seedComment(postId: post, authorId: user, body: "", deleted: true, version: 2)
            try await db.seedComment(postId: post, parentId: tombstone, authorId: UUID())

            try await db.deliver(UserDeleted(userId: user, version: 2))

            #expect(try await db.comment(tombstone) == StoredComment(body: "", deleted: true, version: 2, authorId: user))
            #expect(try await db.outbox(CommentDeleted.self).isEmpty)
        }
    }

    @Test func repeatingTheErasureEmitsNothingMore() async throws {
        try await DB.with { db throws in
            let user = UUID()
            let post = try await db.seedPost()
            let parent = try await db.seedComment(postId: post, authorId: user)
            try await db.seedComment(postId: post, parentId: parent, authorId: UUID())
            try await db.seedComment(postId: post, authorId: user)

            try await db.deliver(UserDeleted(userId: user, version: 2))
            // A republish under a new event id (the inbox does not stop it).
            try await db.deliver(UserDeleted(userId: user, version: 2))

            #expect(try await db.outbox(CommentDeleted.self).count == 2)
            #expect(try await db.comment(parent)?.version == 2)
        }
    }

    @Test func aUserWithoutCommentsChangesNothing() async throws {
        try await DB.with { db throws in
            let post = try await db.seedPost()
            let kept = try await db.seedComment(postId: post, authorId: UUID())
            #expect(try await db.deliver(UserDeleted(userId: UUID(), version: 2)) == .applied)
            #expect(try await db.comment(kept) != nil)
            #expect(try await db.outbox(CommentDeleted.self).isEmpty)
        }
    }
}
