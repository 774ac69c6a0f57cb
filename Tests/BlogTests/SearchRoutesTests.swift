import Foundation
import Hummingbird
import HummingbirdTesting
import InkwellContracts
import InkwellCore
import InkwellServiceKit
import Testing
@testable import BlogService

/// The search, tags and internal routes in process (the platform's router, the real database):
/// the answers' shapes and every 400.
@Suite struct SearchRoutesTests {
    let codec = CursorCodec(secret: "a test secret that is long enough!!")

    func withApp(_ db: SearchDatabase, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router.inkwell()
        let routes = RouteTable(router: router)
        SearchController(queries: db.queries, cursors: codec).register(on: routes)
        TagsController(queries: db.queries).register(on: routes)
        InternalPostsController(queries: db.queries, cursors: codec).register(on: routes)
        routes.finish()
        try await Application(router: router).test(.router) { client in try await body(client) }
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try InkwellJSON.decoder.decode(T.self, from: Data(buffer: response.body))
    }

    func problem(_ response: TestResponse) throws -> ProblemDetails { try decode(ProblemDetails.self, response) }

    @Test func searchPagesWithCursorsOfItsOwnQuery() async throws {
        try await SearchDatabase.with { db in
            for i in 0..<3 { try await db.insert(title: "Kafka \(i)", body: "about <script>kafka</script> streams") }
            try await withApp(db) { client in
                let first = try await client.execute(uri: "/api/v1/search?q=kafka&limit=2", method: .get)
                #expect(first.status == .ok)
                let page = try decode(Page<SearchHit>.self, first)
                #expect(page.items.count == 2)
                #expect(page.items.allSatisfy { $0.highlight.contains("<mark>kafka</mark>") && PostQueriesTests.onlyMarks($0.highlight) })
                let cursor = try #require(page.nextCursor)
                let second = try decode(Page<SearchHit>.self, try await client.execute(uri: "/api/v1/search?q=kafka&limit=2&cursor=\(cursor)", method: .get))
                #expect(second.items.count == 1)
                #expect(second.nextCursor == nil)
                #expect(Set((page.items + second.items).map(\.post.id)).count == 3)
                // The same cursor for another query, or edited, is 400.
                let other = try await client.execute(uri: "/api/v1/search?q=streams&cursor=\(cursor)", method: .get)
                #expect(other.status == .badRequest)
                #expect(try problem(other).type == "urn:inkwell:problem:invalid-cursor")
                #expect(try await client.execute(uri: "/api/v1/search?q=kafka&cursor=\(cursor)x", method: .get).status == .badRequest)
                // Nothing found: an empty page, a null cursor.
                let none = try await client.execute(uri: "/api/v1/search?q=nowhere", method: .get)
                #expect(none.status == .ok)
                #expect(String(buffer: none.body) == #"{"items":[],"nextCursor":null}"#)
            }
        }
    }

    @Test func badSearchParametersAre400() async throws {
        try await SearchDatabase.with { db in
            try await withApp(db) { client in
                let long = String(repeating: "a", count: 201)
                for uri in ["/api/v1/search", "/api/v1/search?q=", "/api/v1/search?q=%20%20", "/api/v1/search?q=\(long)",
                            "/api/v1/search?q=a%00b", "/api/v1/search?q=a&q=b"] {
                    let response = try await client.execute(uri: uri, method: .get)
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(try problem(response).errors?.first?.field == "q", "\(uri)")
                }
                for uri in ["/api/v1/search?q=a&limit=0", "/api/v1/search?q=a&limit=101", "/api/v1/search?q=a&limit=x", "/api/v1/search?q=a&cursor=abc"] {
                    let status = try await client.execute(uri: uri, method: .get).status
                    #expect(status == .badRequest, "\(uri)")
                }
                #expect(try await client.execute(uri: "/api/v1/search?q=a", method: .post).status == .methodNotAllowed)
            }
        }
    }

    @Test func tagsAnswerItems() async throws {
        try await SearchDatabase.with { db in
            try await withApp(db) { client in
                let empty = try await client.execute(uri: "/api/v1/tags", method: .get)
                #expect(String(buffer: empty.body) == #"{"items":[]}"#)
            }
            try await db.insert(title: "a", tags: [TagRef(name: "Swift", slug: "swift")])
            try await withApp(db) { client in
                let tags = try decode(ItemList<TagCount>.self, try await client.execute(uri: "/api/v1/tags", method: .get))
                #expect(tags.items == [TagCount(name: "Swift", slug: "swift", postCount: 1)])
            }
        }
    }

    @Test func internalSummariesByIds() async throws {
        try await SearchDatabase.with { db in
            let a = try await db.insert(title: "A")
            let draft = try await db.insert(title: "D", status: .draft)
            try await withApp(db) { client in
                let ok = try await client.execute(uri: "/internal/v1/posts?ids=\(draft),\(a)", method: .get)
                #expect(ok.status == .ok)
                #expect(try decode(ItemList<PostSummary>.self, ok).items.map(\.id) == [a])
                let tooMany = (0...100).map { _ in UUID().uuidString }.joined(separator: ",")
                for uri in ["/internal/v1/posts", "/internal/v1/posts?ids=nope", "/internal/v1/posts?ids=\(tooMany)", "/internal/v1/posts?ids=\(a)&ids=\(a)"] {
                    let status = try await client.execute(uri: uri, method: .get).status
                    #expect(status == .badRequest, "\(uri.prefix(60))")
                }
            }
        }
    }

    @Test func internalExportRebuildsEverythingInFewPages() async throws {
        try await SearchDatabase.with { db in
            var inserted: Set<UUID> = []
            for i in 0..<7 { inserted.insert(try await db.insert(title: "Post \(i)", body: "text", publishedAt: Date().addingTimeInterval(Double(-i)))) }
            let ids = inserted
            try await withApp(db) { client in
                var seen: [UUID] = []
                var uri = "/internal/v1/posts/export?limit=3"
                var requests = 0
                while true {
                    let response = try await client.execute(uri: uri, method: .get)
                    #expect(response.status == .ok)
                    let page = try decode(Page<Post>.self, response)
                    requests += 1
                    seen += page.items.map(\.id)
                    guard let next = page.nextCursor else { break }
                    uri = "/internal/v1/posts/export?limit=3&cursor=\(next)"
                }
                #expect(requests == 3)
                #expect(Set(seen) == ids && seen.count == 7)
                let all = try decode(Page<Post>.self, try await client.execute(uri: "/internal/v1/posts/export?limit=500", method: .get))
                #expect(all.items.map(\.id) == seen)
                #expect(all.nextCursor == nil)
                for uri in ["/internal/v1/posts/export?limit=501", "/internal/v1/posts/export?limit=0", "/internal/v1/posts/export?cursor=zz"] {
                    let status = try await client.execute(uri: uri, method: .get).status
                    #expect(status == .badRequest, "\(uri)")
                }
                // A search cursor is no export cursor.
                let searchCursor = try codec.encode(SearchPosition(rank: 0.5, id: UUID()), purpose: "blog.search:x")
                #expect(try await client.execute(uri: "/internal/v1/posts/export?cursor=\(searchCursor)", method: .get).status == .badRequest)
            }
        }
    }
}
