import Foundation
import InkwellContracts
import Testing
import TestSupport
@testable import CommentsService

/// The repository against the real PostgreSQL of `make test`.
@Suite struct CommentRepositoryTests {
    @Test func createAppliesThePolicyAndPublishesCreated() async throws {
        try await CommentsDatabase.with { db in
            let author = CommentsDatabase.user()
            let post = try await db.post(author: author.id)
            let reader = CommentsDatabase.user()
            let moderator = CommentsDatabase.user(roles: ["moderator"])
            // A newcomer waits; the post's author and a moderator do not; three links always wait.
            #expect(try await db.create("first!", on: post.slug, by: reader).status == .pending)
            #expect(try await db.create("thanks", on: post.slug, by: author).status == .approved)
            #expect(try await db.create("welcome", on: post.slug, by: moderator).status == .approved)
            #expect(try await db.create("a.com b.com c.com", on: post.slug, by: moderator).status == .pending)
            // Once approved, the reader is trusted.
            let second = try await db.create("again", on: post.slug, by: reader)
            #expect(second.status == .pending)
            let first = try await db.comments.moderationQueue(status: .pending, limit: 10, after: nil)
            #expect(first.map(\.comment.postSlug).allSatisfy { $0 == post.slug })
            _ = try await db.comments.moderate(id: second.id, action: .approve)
            #expect(try await db.create("trusted now, a.com b.com", on: post.slug, by: reader).status == .approved)
            let events = try await db.events(subject: second.id)
            #expect(events.map(\.type) == [CommentCreated.type, CommentApproved.type])
            #expect(events[0].payload.contains("\"status\":\"pending\""))
        }
    }

    @Test func createIsRefusedOnUnknownUnpublishedOrDeletedPosts() async throws {
        try await CommentsDatabase.with { db in
            let user = CommentsDatabase.user()
            let unpublished = try await db.post(published: false)
            let deleted = try await db.post(deleted: true)
            for slug in ["no-such-post", unpublished.slug, deleted.slug] {
                #expect(try await db.comments.create(CommentDraft(body: "hi"), onPostSlug: slug, by: user) == .postNotFound)
                #expect(try await db.comments.publishedPost(slug: slug) == nil)
            }
            #expect(try await db.postgres.query("SELECT 1 FROM comments").isEmpty)
        }
    }

    @Test func parentMustBeALiveCommentOfTheSamePost() async throws {
        try await CommentsDatabase.with { db in
            let moderator = CommentsDatabase.user(roles: ["moderator"])
            let post = try await db.post(), other = try await db.post()
            let elsewhere = try await db.create("elsewhere", on: other.slug, by: moderator)
            let rejected = try await db.create("meh", on: post.slug, by: moderator)
            _ = try await db.comments.moderate(id: rejected.id, action: .reject)
            let gone = try await db.create("gone", on: post.slug, by: moderator)
            #expect(try await db.comments.delete(id: gone.id, by: moderator) == .deleted(.remove))
            for parent in [elsewhere.id, rejected.id, gone.id, UUID()] {
                let outcome = try await db.comments.create(CommentDraft(body: "reply", parentId: parent), onPostSlug: post.slug, by: moderator)
                guard case .invalidParent = outcome else { Issue.record("\(outcome) for \(parent)"); continue }
            }
            let root = try await db.create("root", on: post.slug, by: moderator)
            #expect(try await db.create("reply", on: post.slug, by: moderator, parent: root.id).parentId?.wrappedValue == root.id)
        }
    }

    @Test func treePagesApprovedRootsWithNestedRepliesByKeyset() async throws {
        try await CommentsDatabase.with { db in
            let moderator = CommentsDatabase.user(roles: ["moderator"])
            let newcomer = CommentsDatabase.user()
            let post = try await db.post()
            var roots: [Comment] = []
            for i in 0..<5 { roots.append(try await db.create("root \(i)", on: post.slug, by: moderator)) }
            let reply = try await db.create("reply", on: post.slug, by: moderator, parent: roots[0].id)
            let deep = try await db.create("deep", on: post.slug, by: moderator, parent: reply.id)
            _ = try await db.create("pending reply", on: post.slug, by: newcomer, parent: roots[0].id)
            _ = try await db.create("pending root", on: post.slug, by: newcomer)
            let first = try await db.comments.treePage(postId: post.id, limit: 3, after: nil)
            #expect(first.map(\.comment?.id) == Array(roots.prefix(3).map(\.id)))
            #expect(first[0].comment?.replies.map(\.id) == [reply.id])
            #expect(first[0].comment?.replies[0].replies.map(\.id) == [deep.id])
            let second = try await db.comments.treePage(postId: post.id, limit: 3, after: first[2].position)
            #expect(second.map(\.comment?.id) == Array(roots.suffix(2).map(\.id)))
            // The whole tree (internal read) is the same threads.
            #expect(try await db.comments.tree(postId: post.id) == (first + second).compactMap(\.comment))
            // A deleted post shows nothing.
            try await db.setPost(post.id, published: false, deleted: true)
            #expect(try await db.comments.treePage(postId: post.id, limit: 10, after: nil).isEmpty)
            #expect(try await db.comments.tree(postId: post.id).isEmpty)
        }
    }

    @Test func aPrunedRootStillCountsForThePage() async throws {
        try await CommentsDatabase.with { db in
            let moderator = CommentsDatabase.user(roles: ["moderator"])
            let post = try await db.post()
            // A tombstone whose only approved reply is a tombstone too: shown by nothing.
            let top = try await db.create("top", on: post.slug, by: moderator)
            let middle = try await db.create("middle", on: post.slug, by: moderator, parent: top.id)
            _ = try await db.create("leaf", on: post.slug, by: CommentsDatabase.user(), parent: middle.id)
            #expect(try await db.comments.delete(id: middle.id, by: moderator) == .deleted(.tombstone))
            #expect(try await db.comments.delete(id: top.id, by: moderator) == .deleted(.tombstone))
            let next = try await db.create("next", on: post.slug, by: moderator)
            let page = try await db.comments.treePage(postId: post.id, limit: 2, after: nil)
            #expect(page.count == 2)
            #expect(page[0].comment == nil && page[1].comment?.id == next.id)
        }
    }

    @Test func editByItsAuthorReappliesThePolicy() async throws {
        try await CommentsDatabase.with { db in
            let moderator = CommentsDatabase.user(roles: ["moderator"])
            let author = CommentsDatabase.user()
            let post = try await db.post(author: author.id)
            let comment = try await db.create("hello", on: post.slug, by: author)
            #expect(comment.status == .approved && comment.editedAt == nil)
            #expect(try await db.comments.edit(id: comment.id, body: "x", by: moderator) == .forbidden)
            #expect(try await db.comments.edit(id: UUID(), body: "x", by: author) == .notFound)
            guard case .changed(let edited) = try await db.comments.edit(id: comment.id, body: "a.com b.com c.com", by: author) else {
                Issue.record("not edited"); return
            }
            #expect(edited.status == .pending && edited.editedAt != nil && edited.body == "a.com b.com c.com")
            guard case .changed(let fixed) = try await db.comments.edit(id: comment.id, body: "only a.com", by: author) else {
                Issue.record("not edited"); return
            }
            #expect(fixed.status == .approved)
            let events = try await db.events(subject: comment.id)
            #expect(events.map(\.type) == [CommentCreated.type, CommentUpdated.type, CommentUpdated.type])
            for (index, event) in events.enumerated() { #expect(event.payload.contains("\"version\":\(index + 1)")) }
        }
    }

    @Test func deleteLeavesTombstonesOnlyWithReplies() async throws {
        try await CommentsDatabase.with { db in
            let moderator = CommentsDatabase.user(roles: ["moderator"])
            let author = CommentsDatabase.user(), stranger = CommentsDatabase.user()
            let post = try await db.post(author: author.id)
            let root = try await db.create("root", on: post.slug, by: author)
            let reply = try await db.create("reply", on: post.slug, by: moderator, parent: root.id)
            let lone = try await db.create("lone", on: post.slug, by: author)
            #expect(try await db.comments.delete(id: root.id, by: stranger) == .forbidden)
            #expect(try await db.comments.delete(id: root.id, by: author) == .deleted(.tombstone))
            #expect(try await db.comments.delete(id: root.id, by: author) == .notFound)
            #expect(try await db.comments.delete(id: lone.id, by: moderator) == .deleted(.remove))
            let tree = try await db.comments.tree(postId: post.id)
            #expect(tree.map(\.id) == [root.id])
            #expect(tree[0].deleted && tree[0].body == "" && tree[0].replies.map(\.id) == [reply.id])
            // The reply goes: the tombstone has nothing left to hold up.
            #expect(try await db.comments.delete(id: reply.id, by: moderator) == .deleted(.remove))
            #expect(try await db.comments.tree(postId: post.id).isEmpty)
            #expect(try await db.events(subject: root.id).map(\.type) == [CommentCreated.type, CommentDeleted.type])
            #expect(try await db.events(subject: lone.id).map(\.type) == [CommentCreated.type, CommentDeleted.type])
            // A tombstone cannot be edited.
            #expect(try await db.comments.edit(id: root.id, body: "back", by: author) == .notFound)
        }
    }

    @Test func moderationIsIdempotentAndEmitsEachChangeOnce() async throws {
        try await CommentsDatabase.with { db in
            let reader = CommentsDatabase.user()
            let post = try await db.post()
            let comment = try await db.create("hi", on: post.slug, by: reader)
            for action in [ModerationAction.approve, .approve, .spam, .spam, .reject, .reject] {
                guard case .changed(let changed) = try await db.comments.moderate(id: comment.id, action: action) else {
                    Issue.record("not moderated"); return
                }
                #expect(changed.status == action.target)
            }
            let events = try await db.events(subject: comment.id)
            #expect(events.map(\.type) == [CommentCreated.type, CommentApproved.type, CommentRejected.type, CommentRejected.type])
            #expect(events[2].payload.contains("\"status\":\"spam\"") && events[3].payload.contains("\"status\":\"rejected\""))
            #expect(try await db.comments.moderate(id: UUID(), action: .approve) == .notFound)
        }
    }

    @Test func moderationQueuePagesByStatusWithPostSlugs() async throws {
        try await CommentsDatabase.with { db in
            let post = try await db.post(), hidden = try await db.post()
            var pending: [Comment] = []
            for i in 0..<4 { pending.append(try await db.create("wait \(i)", on: post.slug, by: CommentsDatabase.user())) }
            _ = try await db.create("on a post about to go", on: hidden.slug, by: CommentsDatabase.user())
            try await db.setPost(hidden.id, published: false, deleted: true)
            _ = try await db.comments.moderate(id: pending[3].id, action: .spam)
            let first = try await db.comments.moderationQueue(status: .pending, limit: 2, after: nil)
            #expect(first.map(\.comment.id) == [pending[0].id, pending[1].id])
            let second = try await db.comments.moderationQueue(status: .pending, limit: 2, after: first[1].position)
            #expect(second.map(\.comment.id) == [pending[2].id])
            #expect(second[0].comment.postSlug == post.slug)
            #expect(try await db.comments.moderationQueue(status: .spam, limit: 5, after: nil).map(\.comment.id) == [pending[3].id])
        }
    }

    @Test func concurrentRepliesAndDeleteNeverOrphanAReply() async throws {
        try await CommentsDatabase.with { db in
            let moderator = CommentsDatabase.user(roles: ["moderator"])
            let post = try await db.post()
            for _ in 0..<10 {
                let root = try await db.create("root", on: post.slug, by: moderator)
                let comments = db.comments
                async let reply = comments.create(CommentDraft(body: "reply", parentId: root.id), onPostSlug: post.slug, by: moderator)
                async let deletion = comments.delete(id: root.id, by: moderator)
                let (created, deleted) = try await (reply, deletion)
                switch (created, deleted) {
                case (.created, .deleted(.tombstone)), (.invalidParent, .deleted(.remove)): break
                default: Issue.record("\(created) with \(deleted)")
                }
            }
        }
    }
}

/// The read of `bench-post`'s shape (20 top-level comments with 2 replies each, 10 users):
/// three queries whatever the thread's size; prints the latencies measured.
@Suite struct CommentTreeReadTimingTests {
    @Test func benchPostShapedTreeReadsInFewMilliseconds() async throws {
        try await CommentsDatabase.with { db in
            let post = try await db.post(slug: "bench-post")
            let users = (0..<10).map { _ in CommentsDatabase.user(roles: ["moderator"]) }
            for i in 0..<20 {
                let root = try await db.create("top-level comment \(i) with a sentence or two of text.", on: post.slug, by: users[i % 10])
                for j in 0..<2 { _ = try await db.create("reply \(j)", on: post.slug, by: users[(i + j + 1) % 10], parent: root.id) }
            }
            let comments = db.comments
            var samples: [Duration] = []
            let clock = ContinuousClock()
            for _ in 0..<300 {
                let start = clock.now
                guard let found = try await comments.publishedPost(slug: "bench-post") else { Issue.record("no post"); return }
                let page = try await comments.treePage(postId: found.id, limit: 21, after: nil)
                samples.append(clock.now - start)
                #expect(page.count == 20 && page.allSatisfy { $0.comment?.replies.count == 2 })
            }
            samples.sort()
            let median = samples[samples.count / 2], p99 = samples[samples.count * 99 / 100]
            print("comments tree read (bench-post shape, 60 comments): median \(median), p99 \(p99)")
            // Generous: a debug build on a shared 2-core machine.
            #expect(p99 < .milliseconds(250))
        }
    }
}
