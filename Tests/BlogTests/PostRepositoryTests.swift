import Foundation
import InkwellContracts
import InkwellCore
import InkwellPostgres
import Testing
import TestSupport
@testable import BlogService

/// ``PostgresPostRepository`` against the real PostgreSQL of `make test`.
@Suite struct PostRepositoryTests {
    func published(_ title: String, tags: [String] = [], slug: String? = nil) throws -> NewPost {
        try PostCreateRequest(title: title, body: "Body of \(title)", tags: tags, status: "published", slug: slug).validated()
    }

    @Test func derivedSlugsAreMadeUniqueAndAvoidRedirects() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let writer = BlogDatabase.writer()
            let first = try await posts.create(try published("Hello World"), by: writer)
            let second = try await posts.create(try published("Hello, world!"), by: writer)
            #expect(first.slug == "hello-world")
            #expect(second.slug == "hello-world-2")
            // Renaming the first keeps `hello-world` as a redirect: a new derived slug skips it.
            guard case .written = try await posts.update(id: first.id, expectedVersion: first.version, edit: PostEdit(slug: "renamed"), by: writer) else {
                Issue.record("rename failed"); return
            }
            let third = try await posts.create(try published("Hello World"), by: writer)
            #expect(third.slug == "hello-world-3")
            #expect(try await posts.find(slug: "hello-world").movedSlug == "renamed")
        }
    }

    @Test func explicitTakenSlugIsAConflictOnSlug() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let writer = BlogDatabase.writer()
            _ = try await posts.create(try published("One", slug: "taken"), by: writer)
            await #expect(throws: ConflictError(field: "slug", message: "slug is already taken by another post")) {
                try await posts.create(try published("Two", slug: "taken"), by: writer)
            }
            let other = try await posts.create(try published("Two"), by: writer)
            await #expect(throws: ConflictError.self) {
                try await posts.update(id: other.id, expectedVersion: other.version, edit: PostEdit(slug: "taken"), by: writer)
            }
        }
    }

    @Test func renameChainsNeverChainAndAReusedSlugStopsRedirecting() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let writer = BlogDatabase.writer()
            var post = try await posts.create(try published("A", slug: "a"), by: writer)
            for slug in ["b", "c"] {
                guard case .written(let renamed) = try await posts.update(id: post.id, expectedVersion: post.version, edit: PostEdit(slug: slug), by: writer) else {
                    Issue.record("rename to \(slug) failed"); return
                }
                post = renamed
            }
            #expect(try await posts.find(slug: "a").movedSlug == "c")
            #expect(try await posts.find(slug: "b").movedSlug == "c")
            #expect(try await posts.find(slug: "c").currentSlug == "c")
            // Back to an old slug: it is current again, and never a redirect to itself.
            guard case .written(let back) = try await posts.update(id: post.id, expectedVersion: post.version, edit: PostEdit(slug: "a"), by: writer) else {
                Issue.record("rename back failed"); return
            }
            #expect(try await posts.find(slug: "a").currentSlug == "a")
            #expect(try await posts.find(slug: "c").movedSlug == "a")
            // Another post explicitly takes `b`: it stops redirecting.
            _ = try await posts.create(try published("B", slug: "b"), by: writer)
            #expect(try await posts.find(slug: "b").currentSlug == "b")
            // The event of a rename names the previous slug.
            let updates = try await db.outboxPayloads(type: PostUpdated.type)
            #expect(updates.last?.contains(#""previousSlug":"c""#) == true)
            #expect(back.version == 4)
            #expect(try await posts.find(slug: "zzz") == .none)
        }
    }

    @Test func tagsKeepTheirFirstSpelling() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let writer = BlogDatabase.writer()
            _ = try await posts.create(try published("One", tags: ["Swift", "Server Side"]), by: writer)
            let second = try await posts.create(try published("Two", tags: ["SWIFT", "linux"]), by: writer)
            #expect(second.tags == [TagRef(name: "Swift", slug: "swift"), TagRef(name: "linux", slug: "linux")])
        }
    }

    @Test func listIsNewestFirstWithKeysetFilters() async throws {
        try await BlogDatabase.with { db in
            let start = Date(timeIntervalSince1970: 2_000_000_000)
            let tick = Memo(0)
            // Each write one second later; two posts share a time to test the id tie-break.
            let posts = db.posts { start.addingTimeInterval(Double(tick.next() / 2)) }
            let grace = BlogDatabase.writer("grace")
            let other = BlogDatabase.writer()
            var created: [Post] = []
            for index in 0..<7 {
                created.append(try await posts.create(try published("Post \(index)", tags: index % 2 == 0 ? ["even"] : ["odd"]), by: index < 4 ? grace : other))
            }
            _ = try await posts.create(try PostCreateRequest(title: "Draft", body: "").validated(), by: grace)
            let expected = created.sorted { ($0.publishedAt!, $0.id.uuidString) > ($1.publishedAt!, $1.id.uuidString) }.map(\.id)
            var seen: [UUID] = []
            var after: PostFeedPosition?
            while true {
                let page = try await posts.list(PostListFilter(), after: after, limit: 3).summaries
                seen += page.map(\.id)
                guard page.count == 3, let last = page.last else { break }
                after = PostFeedPosition(publishedAt: last.publishedAt!, id: last.id)
            }
            #expect(seen.map(\.uuidString) == expected.map(\.uuidString))
            #expect(try await posts.list(PostListFilter(tag: "even"), after: nil, limit: 20).summaries.count == 4)
            #expect(try await posts.list(PostListFilter(author: "grace"), after: nil, limit: 20).summaries.count == 4)
            #expect(try await posts.list(PostListFilter(tag: "odd", author: "grace"), after: nil, limit: 20).summaries.count == 2)
            #expect(try await posts.list(PostListFilter(author: "nobody"), after: nil, limit: 20).summaries.isEmpty)
        }
    }

    @Test func versionsAreCheckedInTheTransaction() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let writer = BlogDatabase.writer()
            let post = try await posts.create(try published("V"), by: writer)
            guard case .written(let edited) = try await posts.update(id: post.id, expectedVersion: 1, edit: PostEdit(title: "V2"), by: writer) else {
                Issue.record("edit failed"); return
            }
            #expect(edited.version == 2)
            #expect(edited.publishedAt == post.publishedAt)
            #expect(try await posts.update(id: post.id, expectedVersion: 1, edit: PostEdit(title: "V3"), by: writer) == .versionMismatch(current: 2))
            #expect(try await posts.delete(id: post.id, expectedVersion: 1, by: writer) == .versionMismatch(current: 2))
            guard case .written = try await posts.delete(id: post.id, expectedVersion: 2, by: writer) else { Issue.record("delete failed"); return }
            #expect(try await posts.delete(id: post.id, expectedVersion: 2, by: writer) == .notFound)
            #expect(try await posts.update(id: post.id, expectedVersion: 2, edit: PostEdit(title: "x"), by: writer) == .notFound)
        }
    }

    @Test func eventsFollowTheStatus() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let writer = BlogDatabase.writer()
            let draft = try await posts.create(try PostCreateRequest(title: "D", body: "").validated(), by: writer)
            guard case .written(let live) = try await posts.update(id: draft.id, expectedVersion: 1, edit: PostEdit(status: .published), by: writer),
                  case .written(let edited) = try await posts.update(id: draft.id, expectedVersion: 2, edit: PostEdit(body: "more"), by: writer),
                  case .written(let hidden) = try await posts.update(id: draft.id, expectedVersion: 3, edit: PostEdit(status: .draft), by: writer),
                  case .written = try await posts.delete(id: draft.id, expectedVersion: 4, by: writer)
            else { Issue.record("a write failed"); return }
            #expect(live.status == .published && edited.bodyMarkdown == "more" && hidden.status == .draft)
            let neverPublished = try await posts.create(try PostCreateRequest(title: "Quiet", body: "").validated(), by: writer)
            _ = try await posts.delete(id: neverPublished.id, expectedVersion: 1, by: writer)
            let events = try await db.outbox()
            #expect(events.map(\.type) == [PostPublished.type, PostUpdated.type, PostUnpublished.type, PostDeleted.type])
            #expect(Set(events.map(\.key)) == [draft.id.lowercased])
        }
    }

    @Test func searchVectorAndBodyTextAreStored() async throws {
        try await BlogDatabase.with { db in
            let post = try await db.posts().create(try PostCreateRequest(title: "Kittens", body: "About puppies", tags: ["Ferrets"], status: "published").validated(), by: BlogDatabase.writer())
            let row = try await db.postgres.query("""
                SELECT body_text, search @@ to_tsquery('english', 'kitten') AS a, search @@ to_tsquery('english', 'ferret') AS b,
                    search @@ to_tsquery('english', 'puppy') AS c FROM posts WHERE id = \(post.id)
                """).first!
            #expect(try row.decode(column: "body_text", as: String.self) == "About puppies")
            #expect(try row.decode(column: "a", as: Bool.self) && row.decode(column: "b", as: Bool.self) && row.decode(column: "c", as: Bool.self))
        }
    }

    /// PostgreSQL's parser reads `<script>…</script>` as markup and skips it: written as text in
    /// a post, those words must still be found.
    @Test func wordsBetweenAngleBracketsAreSearchable() async throws {
        try await BlogDatabase.with { db in
            let post = try await db.posts().create(
                try PostCreateRequest(title: "Tags <em>quokka</em>", body: "Avoid `<script>wombat()</script>` and <b>numbat</b>", tags: [], status: "published").validated(),
                by: BlogDatabase.writer())
            let row = try await db.postgres.query("""
                SELECT search @@ to_tsquery('english', 'quokka') AS a, search @@ to_tsquery('english', 'wombat') AS b,
                    search @@ to_tsquery('english', 'numbat') AS c FROM posts WHERE id = \(post.id)
                """).first!
            #expect(try row.decode(column: "a", as: Bool.self))
            #expect(try row.decode(column: "b", as: Bool.self))
            #expect(try row.decode(column: "c", as: Bool.self))
        }
    }

    @Test func authorsFromTokensNeverOverrideTheProjectionAndErasedAccountsCannotWrite() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let writer = BlogDatabase.writer("ada")
            _ = try await posts.create(try published("One"), by: writer)
            #expect(try await db.postgres.query("SELECT username, version FROM authors WHERE id = \(writer.id)").first?.decode(column: "username", as: String.self) == "ada")
            // A projection row from users.events (version 3) wins over a token's username.
            try await db.postgres.execute("UPDATE authors SET username = 'ada2', version = 3 WHERE id = \(writer.id)")
            _ = try await posts.create(try published("Two"), by: PostWriter(id: writer.id, username: "ada-old"))
            #expect(try await db.postgres.query("SELECT username FROM authors WHERE id = \(writer.id)").first?.decode(column: "username", as: String.self) == "ada2")
            try await db.postgres.execute("UPDATE authors SET erased = true WHERE id = \(writer.id)")
            await #expect(throws: ErasedAuthorError(authorId: writer.id)) { try await posts.create(try published("Three"), by: writer) }
        }
    }

    @Test func concurrentDerivedSlugsAllSucceed() async throws {
        try await BlogDatabase.with { db in
            let posts = db.posts()
            let writer = BlogDatabase.writer()
            let slugs = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<6 { group.addTask { try await posts.create(try published("Same Title"), by: writer).slug } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(slugs).count == 6)
        }
    }
}

extension PostLookup {
    var currentSlug: String? { if case .current(let post) = self { post.slug } else { nil } }
    var movedSlug: String? { if case .moved(let post) = self { post.slug } else { nil } }
}
