import CommentsService
import Foundation
import InkwellContracts
import InkwellEventStream
import Testing

/// blog.events through the service's handlers into the posts projection, against the real
/// PostgreSQL: redelivered, repeated and out-of-order events leave it right.
@Suite struct PostsProjectionTests {
    typealias DB = ConsumerDatabase

    @Test func publishedPostIsProjected() async throws {
        try await DB.with { db throws in
            let id = UUID(), author = UUID()
            #expect(try await db.deliver(PostPublished(post: DB.snapshot(id: id, slug: "hello", authorId: author), version: 2)) == .applied)
            #expect(try await db.post(id) == ProjectionRow(slug: "hello", authorId: author, published: true, deleted: false, version: 2))
        }
    }

    @Test func redeliveredEventIsSkippedByTheInbox() async throws {
        try await DB.with { db throws in
            let id = UUID(), eventId = UUID()
            let event = PostPublished(post: DB.snapshot(id: id, slug: "once", authorId: UUID()), version: 1)
            #expect(try await db.deliver(event, id: eventId) == .applied)
            #expect(try await db.deliver(event, id: eventId) == .duplicate)
        }
    }

    @Test func slugChangeMovesThePostAndAStaleUpdateChangesNothing() async throws {
        try await DB.with { db throws in
            let id = UUID(), author = UUID()
            try await db.deliver(PostPublished(post: DB.snapshot(id: id, slug: "old", authorId: author), version: 1))
            try await db.deliver(PostUpdated(post: DB.snapshot(id: id, slug: "new", authorId: author), previousSlug: "old", version: 3))
            // The same version again (a republish under a new event id), then an older one.
            try await db.deliver(PostUpdated(post: DB.snapshot(id: id, slug: "other", authorId: author), previousSlug: "new", version: 3))
            try await db.deliver(PostUpdated(post: DB.snapshot(id: id, slug: "older", authorId: author), previousSlug: "old", version: 2))
            #expect(try await db.post(id) == ProjectionRow(slug: "new", authorId: author, published: true, deleted: false, version: 3))
        }
    }

    @Test func slugsAreNotUniqueAcrossPosts() async throws {
        try await DB.with { db throws in
            // Post a gives up "shared" and b takes it, but b's event is read first.
            let a = UUID(), b = UUID()
            try await db.deliver(PostPublished(post: DB.snapshot(id: a, slug: "shared", authorId: UUID()), version: 1))
            try await db.deliver(PostPublished(post: DB.snapshot(id: b, slug: "shared", authorId: UUID()), version: 1))
            try await db.deliver(PostUpdated(post: DB.snapshot(id: a, slug: "renamed", authorId: UUID()), previousSlug: "shared", version: 2))
            #expect(try await db.post(a)?.slug == "renamed")
            #expect(try await db.post(b)?.slug == "shared")
        }
    }

    @Test func unpublishedStopsThePostAndALatePublishedCannotReviveIt() async throws {
        try await DB.with { db throws in
            let id = UUID(), author = UUID()
            try await db.deliver(PostPublished(post: DB.snapshot(id: id, slug: "p", authorId: author), version: 1))
            try await db.deliver(PostUnpublished(postId: id, slug: "p", version: 2))
            try await db.deliver(PostPublished(post: DB.snapshot(id: id, slug: "p", authorId: author), version: 1))
            #expect(try await db.post(id) == ProjectionRow(slug: "p", authorId: author, published: false, deleted: false, version: 2))
            // Published again later: visible again.
            try await db.deliver(PostPublished(post: DB.snapshot(id: id, slug: "p", authorId: author), version: 3))
            #expect(try await db.post(id)?.published == true)
        }
    }

    @Test func unpublishedReadBeforeItsPublishedIsKept() async throws {
        try await DB.with { db throws in
            let id = UUID(), author = UUID()
            try await db.deliver(PostUnpublished(postId: id, slug: "p", version: 2))
            #expect(try await db.post(id) == ProjectionRow(slug: "p", authorId: nil, published: false, deleted: false, version: 2))
            try await db.deliver(PostPublished(post: DB.snapshot(id: id, slug: "p", authorId: author), version: 1))
            #expect(try await db.post(id)?.published == false)
        }
    }

    @Test func deletedIsFinalWhateverArrivesLate() async throws {
        try await DB.with { db throws in
            let id = UUID(), author = UUID()
            try await db.deliver(PostPublished(post: DB.snapshot(id: id, slug: "p", authorId: author), version: 1))
            try await db.deliver(PostDeleted(postId: id, slug: "p", authorId: author, version: 5))
            // Late and even newer-looking events of a deleted post change nothing.
            try await db.deliver(PostUpdated(post: DB.snapshot(id: id, slug: "q", authorId: author), version: 4))
            try await db.deliver(PostPublished(post: DB.snapshot(id: id, slug: "q", authorId: author), version: 9))
            try await db.deliver(PostUnpublished(postId: id, slug: "q", version: 9))
            #expect(try await db.post(id) == ProjectionRow(slug: "p", authorId: author, published: false, deleted: true, version: 5))
        }
    }

    @Test func deletedBeforeEverSeenIsRecorded() async throws {
        try await DB.with { db throws in
            let id = UUID(), author = UUID()
            try await db.deliver(PostDeleted(postId: id, slug: "gone", authorId: author, version: 3))
            try await db.deliver(PostPublished(post: DB.snapshot(id: id, slug: "gone", authorId: author), version: 2))
            #expect(try await db.post(id) == ProjectionRow(slug: "gone", authorId: author, published: false, deleted: true, version: 3))
        }
    }

    @Test func aDraftSnapshotIsNotPublished() async throws {
        try await DB.with { db throws in
            let id = UUID()
            try await db.deliver(PostUpdated(post: DB.snapshot(id: id, slug: "d", authorId: UUID(), status: .draft), version: 1))
            #expect(try await db.post(id)?.published == false)
        }
    }

    @Test func everyOrderOfOnePostsEventsEndsTheSame() async throws {
        try await DB.with { db throws in
            let author = UUID()
            func events(_ id: UUID) -> [any InkwellEvent] {
                [
                    PostPublished(post: DB.snapshot(id: id, slug: "a", authorId: author), version: 1),
                    PostUpdated(post: DB.snapshot(id: id, slug: "b", authorId: author), previousSlug: "a", version: 2),
                    PostUnpublished(postId: id, slug: "b", version: 3),
                    PostPublished(post: DB.snapshot(id: id, slug: "c", authorId: author), version: 4),
                ]
            }
            // Six orders, each on its own post, each event delivered twice (under new ids).
            let orders = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1], [3, 0, 1, 2], [0, 3, 2, 1]]
            for order in orders {
                let id = UUID()
                let all = events(id)
                for index in order + order { try await db.deliver(all[index]) }
                #expect(try await db.post(id) == ProjectionRow(slug: "c", authorId: author, published: true, deleted: false, version: 4), "order \(order)")
            }
        }
    }
}
