import Foundation
import InkwellContracts
import Hummingbird
import Testing
import TestSupport
@testable import CommentsService

/// The cache of rendered tree pages: a page is used only at the version it was rendered for,
/// and the version of a post's comments moves with every write of one of them, in its commit.
@Suite struct CommentPageCacheTests {
    static let key = CommentPageCache.Key(postId: UUID(), limit: 20, after: nil)

    static func page(_ body: String) -> CommentPageCache.Rendered { .init(body: ByteBuffer(string: body), commentCount: body.count) }

    @Test func aPageIsUsedOnlyAtItsVersion() async {
        let cache = CommentPageCache()
        cache.store(Self.page("v2"), for: Self.key, version: 2)
        #expect(await cache.page(for: Self.key, version: 2) == Self.page("v2"))
        #expect(await cache.page(for: Self.key, version: 3) == nil)
        #expect(await cache.page(for: Self.key, version: 1) == nil)
        // Another page of the same post, or the same page of another post, is another entry.
        #expect(await cache.page(for: .init(postId: Self.key.postId, limit: 20, after: CommentPosition(at: 1, id: UUID())), version: 2) == nil)
        #expect(await cache.page(for: .init(postId: UUID(), limit: 20, after: nil), version: 2) == nil)
    }

    @Test func anOlderRenderingNeverReplacesANewerOne() async {
        let cache = CommentPageCache()
        cache.store(Self.page("v5"), for: Self.key, version: 5)
        cache.store(Self.page("v4"), for: Self.key, version: 4)
        #expect(await cache.page(for: Self.key, version: 5) == Self.page("v5"))
        cache.store(Self.page("v6"), for: Self.key, version: 6)
        #expect(await cache.page(for: Self.key, version: 6) == Self.page("v6"))
        #expect(cache.count == 1)
    }

    @Test func theCacheIsBounded() async {
        let cache = CommentPageCache(maxBytes: 12, maxBodyBytes: 4)
        for _ in 0..<10 { cache.store(Self.page("page"), for: .init(postId: UUID(), limit: 20, after: nil), version: 1) }
        #expect(cache.count == 3)
        cache.store(Self.page("too big"), for: Self.key, version: 1)
        #expect(await cache.page(for: Self.key, version: 1) == nil)
    }

    @Test func everyWriteOfACommentMovesItsPostsVersion() async throws {
        try await CommentsDatabase.with { db in
            let moderator = CommentsDatabase.user(roles: ["moderator"])
            let newcomer = CommentsDatabase.user()
            let post = try await db.post()
            let other = try await db.post()
            var seen: [Int64] = [try await Self.version(db, post.slug)]
            func moved() async throws {
                let now = try await Self.version(db, post.slug)
                #expect(now > seen.last!, "the version did not move")
                seen.append(now)
            }
            let root = try await db.create("root", on: post.slug, by: moderator)
            try await moved()
            let pending = try await db.create("pending", on: post.slug, by: newcomer, parent: root.id)
            try await moved()
            _ = try await db.comments.moderate(id: pending.id, action: .approve)
            try await moved()
            _ = try await db.comments.edit(id: pending.id, body: "edited", by: newcomer)
            try await moved()
            _ = try await db.comments.delete(id: root.id, by: moderator)
            try await moved()
            _ = try await db.comments.delete(id: pending.id, by: newcomer)
            try await moved()
            // Any writer, SQL included (the erasure, the bench loader).
            try await db.postgres.execute("UPDATE comments SET author_id = NULL WHERE post_id = \(post.id)")
            try await moved()
            // Another post's comments leave it alone.
            let before = try await Self.version(db, post.slug)
            _ = try await db.create("elsewhere", on: other.slug, by: moderator)
            #expect(try await Self.version(db, post.slug) == before)
        }
    }

    static func version(_ db: CommentsDatabase, _ slug: String) async throws -> Int64 {
        try #require(try await db.comments.publishedPost(slug: slug)).commentsVersion
    }
}
