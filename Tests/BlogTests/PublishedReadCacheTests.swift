import Foundation
import Hummingbird
import HummingbirdTesting
import InkwellContracts
import InkwellCore
import InkwellPostgres
import InkwellServiceKit
import Testing
@testable import BlogService

/// The feed and post reads through ``PublishedReadCache``: two "replicas" (two routers, each
/// with its own cache) on one real database. Every write below goes through the repository or
/// plain SQL, never through a replica's routes, so nothing but the stamps can tell a replica
/// that its kept answers are old.
@Suite struct PublishedReadCacheTests {
    let codec = CursorCodec(secret: "a test secret that is long enough!!")

    /// A replica's routes; `caches` gets the cache it uses.
    func withReplicas(
        _ db: BlogDatabase, _ body: @Sendable (_ a: any TestClientProtocol, _ b: any TestClientProtocol, _ cacheA: PublishedReadCache) async throws -> Void
    ) async throws {
        let cacheA = PublishedReadCache()
        let appA = app(db, cache: cacheA)
        let appB = app(db, cache: PublishedReadCache())
        try await appA.test(.router) { a in
            try await appB.test(.router) { b in try await body(a, b, cacheA) }
        }
    }

    func app(_ db: BlogDatabase, cache: PublishedReadCache) -> some ApplicationProtocol {
        let router = Router.inkwell()
        let routes = RouteTable(router: router)
        PostsController(posts: db.posts(), cursors: codec, cache: cache).register(on: routes)
        routes.finish()
        return Application(router: router)
    }

    func published(_ title: String, tags: [String] = [], slug: String? = nil) throws -> NewPost {
        try PostCreateRequest(title: title, body: "Body of \(title)", tags: tags, status: "published", slug: slug).validated()
    }

    func feed(_ client: any TestClientProtocol, _ query: String = "limit=2") async throws -> Page<PostSummary> {
        let response = try await client.execute(uri: "/api/v1/posts?\(query)", method: .get)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        return try InkwellJSON.decoder.decode(Page<PostSummary>.self, from: Data(buffer: response.body))
    }

    func titles(_ client: any TestClientProtocol, _ query: String = "limit=2") async throws -> [String] {
        try await feed(client, query).items.map(\.title)
    }

    /// Reads twice through both replicas, so that each has kept the answer.
    func warm(_ a: any TestClientProtocol, _ b: any TestClientProtocol, _ uris: [String]) async throws {
        for uri in uris {
            for client in [a, b] {
                for _ in 0..<2 { _ = try await client.execute(uri: uri, method: .get) }
            }
        }
    }

    @Test func aKeptFeedPageAndPostAreAnsweredIdentically() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let writer = BlogDatabase.writer()
            let post = try await posts.create(try published("First", tags: ["Swift"]), by: writer)
            _ = try await posts.create(try published("Second"), by: writer)
            _ = try await posts.create(try published("Third"), by: writer)
            try await withReplicas(db) { a, _, cache in
                let first = try await a.execute(uri: "/api/v1/posts?limit=2", method: .get)
                let again = try await a.execute(uri: "/api/v1/posts?limit=2", method: .get)
                #expect(again.status == .ok)
                #expect(again.body == first.body)
                #expect(cache.feed.count == 1)
                // The next page from the kept page's cursor.
                let cursor = try #require(try InkwellJSON.decoder.decode(Page<PostSummary>.self, from: Data(buffer: again.body)).nextCursor)
                #expect(try await titles(a, "limit=2&cursor=\(cursor)") == ["First"])

                let shown = try await a.execute(uri: "/api/v1/posts/\(post.slug)", method: .get)
                let kept = try await a.execute(uri: "/api/v1/posts/\(post.slug)", method: .get)
                #expect(kept.status == .ok)
                #expect(kept.body == shown.body)
                #expect(kept.headers[.eTag] == "\"\(post.version)\"")
                #expect(kept.headers[.contentType] == "application/json; charset=utf-8")
                #expect(kept.headers[.cacheControl] == nil)
                #expect(cache.posts.count == 1)
            }
        }
    }

    @Test func everyChangeOfAPostIsSeenAtOnceByEveryReplica() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let writer = BlogDatabase.writer()
            let older = try await posts.create(try published("Older", tags: ["swift"]), by: writer)
            let newest = try await posts.create(try published("Newest", tags: ["swift"]), by: writer)
            try await withReplicas(db) { a, b, _ in
                var post = newest
                let reads = ["/api/v1/posts?limit=2", "/api/v1/posts?tag=swift", "/api/v1/posts/\(post.slug)", "/api/v1/posts/\(older.slug)"]
                try await warm(a, b, reads)

                // An edit of the title and the tags.
                guard case .written(let edited) = try await posts.update(id: post.id, expectedVersion: post.version, edit: PostEdit(title: "Edited", tags: [try TagName.parse("Kotlin").get()]), by: writer) else {
                    Issue.record("edit failed"); return
                }
                post = edited
                for client in [a, b] {
                    #expect(try await titles(client) == ["Edited", "Older"])
                    #expect(try await titles(client, "tag=swift") == ["Older"])
                    let shown = try await client.execute(uri: "/api/v1/posts/\(post.slug)", method: .get)
                    #expect(try InkwellJSON.decoder.decode(Post.self, from: Data(buffer: shown.body)).title == "Edited")
                    #expect(shown.headers[.eTag] == "\"\(post.version)\"")
                }
                try await warm(a, b, reads)

                // A rename: the old slug redirects, the new one answers.
                guard case .written(let renamed) = try await posts.update(id: post.id, expectedVersion: post.version, edit: PostEdit(slug: "renamed"), by: writer) else {
                    Issue.record("rename failed"); return
                }
                for client in [a, b] {
                    let old = try await client.execute(uri: "/api/v1/posts/\(post.slug)", method: .get)
                    #expect(old.status == .movedPermanently)
                    #expect(old.headers[.location] == "/api/v1/posts/renamed")
                    #expect(try await client.execute(uri: "/api/v1/posts/renamed", method: .get).status == .ok)
                }
                post = renamed
                try await warm(a, b, reads + ["/api/v1/posts/renamed"])

                // Unpublished: gone from the feed, 404 to everyone.
                guard case .written(let draft) = try await posts.update(id: post.id, expectedVersion: post.version, edit: PostEdit(status: .draft), by: writer) else {
                    Issue.record("unpublish failed"); return
                }
                for client in [a, b] {
                    #expect(try await titles(client) == ["Older"])
                    #expect(try await titles(client, "tag=swift") == ["Older"])
                    #expect(try await client.execute(uri: "/api/v1/posts/renamed", method: .get).status == .notFound)
                }
                try await warm(a, b, reads)

                // Deleted: the other post's kept answers go too.
                guard case .written = try await posts.delete(id: older.id, expectedVersion: older.version, by: writer) else {
                    Issue.record("delete failed"); return
                }
                for client in [a, b] {
                    #expect(try await titles(client) == [])
                    #expect(try await client.execute(uri: "/api/v1/posts/\(older.slug)", method: .get).status == .notFound)
                }
                _ = draft
            }
        }
    }

    @Test func aSlugTakenByAnotherPostAnswersThatPost() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let writer = BlogDatabase.writer()
            let first = try await posts.create(try published("First", slug: "shared"), by: writer)
            try await withReplicas(db) { a, b, _ in
                try await warm(a, b, ["/api/v1/posts/shared"])
                guard case .written = try await posts.update(id: first.id, expectedVersion: first.version, edit: PostEdit(slug: "moved-away"), by: writer) else {
                    Issue.record("rename failed"); return
                }
                let second = try await posts.create(try published("Second", slug: "shared"), by: writer)
                for client in [a, b] {
                    let shown = try await client.execute(uri: "/api/v1/posts/shared", method: .get)
                    #expect(try InkwellJSON.decoder.decode(Post.self, from: Data(buffer: shown.body)).id == second.id)
                }
            }
        }
    }

    @Test func writesOutsideTheRoutesAreSeenToo() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let grace = BlogDatabase.writer("grace")
            _ = try await posts.create(try published("By grace"), by: grace)
            let scheduled = try await posts.create(
                try PostCreateRequest(title: "Later", body: "soon", status: "scheduled", publishAt: "2030-01-01T00:00:00Z").validated(), by: grace)
            try await withReplicas(db) { a, b, _ in
                try await warm(a, b, ["/api/v1/posts?author=grace", "/api/v1/posts?limit=5"])
                // What the scheduler does when a post is due (same statement shape: status and version).
                try await db.postgres.execute("UPDATE posts SET status = 'published', published_at = COALESCE(published_at, publish_at), version = version + 1 WHERE id = \(scheduled.id)")
                for client in [a, b] {
                    #expect(try await titles(client, "limit=5") == ["Later", "By grace"])
                    #expect(try await titles(client, "author=grace") == ["Later", "By grace"])
                }
                try await warm(a, b, ["/api/v1/posts?author=grace"])
                // The author renamed (the users projection): `author=` names other posts, with no post changed.
                try await db.postgres.execute("UPDATE authors SET username = 'grace-hopper' WHERE username = 'grace'")
                for client in [a, b] {
                    #expect(try await titles(client, "author=grace") == [])
                    #expect(try await titles(client, "author=grace-hopper") == ["Later", "By grace"])
                }
            }
        }
    }

    @Test func draftsAreNeverKeptAndAZeroBoundKeepsNothing() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let writer = BlogDatabase.writer()
            let draft = try await posts.create(try PostCreateRequest(title: "Secret", body: "").validated(), by: writer)
            let cache = PublishedReadCache()
            try await app(db, cache: cache).test(.router) { (client: any TestClientProtocol) async throws in
                #expect(try await client.execute(uri: "/api/v1/posts/\(draft.slug)", method: .get).status == .notFound)
                #expect(cache.posts.count == 0)
            }
            let none = PublishedReadCache(maxBytes: 0)
            let post = try await posts.create(try published("Public"), by: writer)
            try await app(db, cache: none).test(.router) { (client: any TestClientProtocol) async throws in
                for _ in 0..<2 {
                    #expect(try await client.execute(uri: "/api/v1/posts/\(post.slug)", method: .get).status == .ok)
                    #expect(try await titles(client) == ["Public"])
                }
                #expect(none.posts.count == 0 && none.feed.count == 0)
            }
        }
    }
}
