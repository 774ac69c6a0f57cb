import Foundation
import InkwellHTTPClient
import InkwellPostgres
import Testing
import TestSupport

/// Search and tags through the gateway against the real blog process; posts are seeded with
/// plain SQL (the write path is not what is tested here), the search vector as BLOG.md computes it.
@Suite(.serialized) struct BlogSearchTests {
    static let stack = Task { try await ServiceStack.start() }

    func stack() async throws -> ServiceStack { try await Self.stack.value }

    /// A published (or draft) post with tags, straight into the blog schema.
    func seed(_ stack: ServiceStack, title: String, body: String, tags: [(name: String, slug: String)], status: String = "published") async throws {
        let id = UUID()
        let names = tags.map(\.name), slugs = tags.map(\.slug)
        let tagText = names.joined(separator: " ")
        let publishedAt: Date? = status == "published" ? Date() : nil
        try await TestDatabase.withClient(url: try stack.database.url(role: "blog")) { db in
            _ = try await db.execute("""
                INSERT INTO posts (id, author_id, slug, title, body_markdown, body_html, excerpt, status, published_at, tag_slugs, tag_names, body_text, search)
                VALUES (\(id), \(UUID()), \("s-" + id.uuidString.lowercased()), \(title), \(body), \("<p>x</p>"), \(String(body.prefix(200))), \(status), \(publishedAt),
                        \(slugs), \(names), \(body),
                        setweight(to_tsvector('english', \(title)), 'A') || setweight(to_tsvector('english', \(tagText)), 'B')
                            || setweight(to_tsvector('english', \(body)), 'C'))
                """)
            for (name, slug) in tags {
                _ = try await db.execute("INSERT INTO tags (slug, name) VALUES (\(slug), \(name)) ON CONFLICT DO NOTHING")
            }
        }
    }

    @Test func searchAndTagsThroughTheGateway() async throws {
        let stack = try await stack()
        let marker = "q" + UUID().uuidString.prefix(8).lowercased().filter(\.isLetter)
        try await seed(stack, title: "Swift \(marker) actors", body: "Writing <script>alert(1)</script> safe \(marker) code.", tags: [("Swift", "swift"), ("Concurrency", "concurrency")])
        try await seed(stack, title: "Rust ownership", body: "Borrowing explained, \(marker) in the body.", tags: [("Rust", "rust"), ("Swift", "swift")])
        try await seed(stack, title: "Secret \(marker) draft", body: "hidden", tags: [("Drafty", "drafty")], status: "draft")

        let first = try await stack.request("GET", "/api/v1/search?q=\(marker)&limit=1")
        #expect(first.status == 200, "\(first.text)")
        let items = try #require(first.json["items"] as? [[String: Any]])
        #expect(items.count == 1)
        let post = try #require(items.first?["post"] as? [String: Any])
        // The title hit ranks first; its body's script comes back escaped.
        #expect(post["title"] as? String == "Swift \(marker) actors")
        let highlight = try #require(items.first?["highlight"] as? String)
        #expect(highlight.contains("<mark>\(marker)</mark>"))
        #expect(highlight.contains("&lt;script&gt;") && !highlight.contains("<script"))
        let cursor = try #require(first.json["nextCursor"] as? String)
        let second = try await stack.request("GET", "/api/v1/search?q=\(marker)&limit=1&cursor=\(cursor)")
        #expect(second.status == 200)
        #expect(((second.json["items"] as? [[String: Any]])?.first?["post"] as? [String: Any])?["title"] as? String == "Rust ownership")
        #expect(second.json["nextCursor"] is NSNull)
        // The draft is never found; a cursor of this query is refused for another.
        #expect((try await stack.request("GET", "/api/v1/search?q=secret%20hidden").json["items"] as? [Any])?.isEmpty == true)
        let wrong = try await stack.request("GET", "/api/v1/search?q=rust&cursor=\(cursor)")
        #expect(wrong.status == 400)
        #expect(wrong.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        let missing = try await stack.request("GET", "/api/v1/search")
        #expect(missing.status == 400)
        #expect(try await stack.request("GET", "/api/v1/search?q=\(String(repeating: "a", count: 201))").status == 400)

        let tags = try await stack.request("GET", "/api/v1/tags")
        #expect(tags.status == 200, "\(tags.text)")
        let counts = try #require(tags.json["items"] as? [[String: Any]])
        let swift = try #require(counts.first)
        #expect(swift["slug"] as? String == "swift" && swift["name"] as? String == "Swift" && swift["postCount"] as? Int == 2)
        #expect(counts.map { $0["slug"] as? String } == ["swift", "concurrency", "rust"])

        // The internal reads answer on the blog service, never through the gateway.
        #expect(try await stack.request("GET", "/internal/v1/posts?ids=\(UUID())").status == 404)
        let direct = try await stack.request("GET", "/internal/v1/posts/export?limit=500", base: "http://127.0.0.1:\(stack.ports["blog"]!)")
        #expect(direct.status == 200)
        #expect((direct.json["items"] as? [Any])?.count == 2)
    }
}
