import Foundation
import InkwellContracts
import Testing
@testable import CommentsService

/// Flat rows → nested replies, any depth, oldest first; tombstones only above visible replies.
@Suite struct CommentTreeTests {
    static let post = UUID()
    static let t0 = Date(timeIntervalSince1970: 2_000_000_000)

    static func row(_ id: UUID = UUID(), parent: UUID? = nil, at seconds: Double, status: CommentStatus = .approved, deleted: Bool = false) -> Comment {
        Comment(id: id, postId: post, parentId: parent, authorId: UUID(), body: deleted ? "" : "body \(seconds)", status: status,
                createdAt: t0.addingTimeInterval(seconds), editedAt: nil, deleted: deleted)
    }

    @Test func nestsRepliesOldestFirstAtAnyDepth() {
        let root = Self.row(at: 0)
        let late = Self.row(parent: root.id, at: 20)
        let early = Self.row(parent: root.id, at: 10)
        let deep = Self.row(parent: early.id, at: 30)
        let deeper = Self.row(parent: deep.id, at: 40)
        let tree = CommentTree.build(roots: [root], replies: [deeper, late, deep, early])
        #expect(tree.count == 1)
        #expect(tree[0].replies.map(\.id) == [early.id, late.id])
        #expect(tree[0].replies[0].replies.map(\.id) == [deep.id])
        #expect(tree[0].replies[0].replies[0].replies.map(\.id) == [deeper.id])
        #expect(tree[0].replies[1].replies.isEmpty)
    }

    @Test func keepsTheRootsOrderAndBreaksTimeTiesById() {
        let a = Self.row(UUID(uuidString: "00000000-0000-7000-8000-000000000001")!, at: 0)
        let b = Self.row(UUID(uuidString: "00000000-0000-7000-8000-000000000002")!, at: 5)
        let r1 = Self.row(UUID(uuidString: "00000000-0000-7000-8000-00000000000b")!, parent: a.id, at: 1)
        let r2 = Self.row(UUID(uuidString: "00000000-0000-7000-8000-00000000000a")!, parent: a.id, at: 1)
        let tree = CommentTree.build(roots: [a, b], replies: [r1, r2])
        #expect(tree.map(\.id) == [a.id, b.id])
        #expect(tree[0].replies.map(\.id) == [r2.id, r1.id])
    }

    @Test func leavesOutUnapprovedCommentsAndWhatHangsBelowThem() {
        let root = Self.row(at: 0)
        let pending = Self.row(parent: root.id, at: 1, status: .pending)
        let belowPending = Self.row(parent: pending.id, at: 2)
        let spam = Self.row(parent: root.id, at: 3, status: .spam)
        let orphan = Self.row(parent: UUID(), at: 4)
        let pendingRoot = Self.row(at: 5, status: .pending)
        let tree = CommentTree.build(roots: [root, pendingRoot], replies: [pending, belowPending, spam, orphan])
        #expect(tree.map(\.id) == [root.id])
        #expect(tree[0].replies.isEmpty)
    }

    @Test func keepsTombstonesOnlyAboveVisibleReplies() {
        let tombstone = Self.row(at: 0, deleted: true)
        let reply = Self.row(parent: tombstone.id, at: 1)
        let bareTombstone = Self.row(at: 2, deleted: true)
        let chainTop = Self.row(at: 3, deleted: true)
        let chainMiddle = Self.row(parent: chainTop.id, at: 4, deleted: true)
        var stale = Self.row(parent: bareTombstone.id, at: 5, status: .rejected)
        stale.body = "rejected"
        let tree = CommentTree.build(roots: [tombstone, bareTombstone, chainTop], replies: [reply, chainMiddle, stale])
        #expect(tree.map(\.id) == [tombstone.id])
        #expect(tree[0].deleted && tree[0].body.isEmpty)
        #expect(tree[0].replies.map(\.id) == [reply.id])
    }

    @Test func aTombstoneNeverShowsABody() {
        var tombstone = Self.row(at: 0, deleted: true)
        tombstone.body = "left over"
        let tree = CommentTree.build(roots: [tombstone], replies: [Self.row(parent: tombstone.id, at: 1)])
        #expect(tree.first?.body == "")
    }

    @Test func buildsAThreadTwoThousandRepliesDeep() {
        let root = Self.row(at: 0)
        var replies: [Comment] = []
        var parent = root.id
        for i in 1...2_000 {
            let reply = Self.row(parent: parent, at: Double(i))
            replies.append(reply)
            parent = reply.id
        }
        let tree = CommentTree.build(roots: [root], replies: replies.shuffled())
        var depth = 0
        var node = tree.first
        while let current = node {
            depth += 1
            node = current.replies.first
        }
        #expect(depth == 2_001)
    }
}
