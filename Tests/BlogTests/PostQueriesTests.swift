import Foundation
import InkwellContracts
import InkwellPostgres
import Testing
@testable import BlogService

/// ``PostgresPostQueries`` against the real PostgreSQL of `make test`.
@Suite struct PostQueriesTests {
    let swift = TagRef(name: "Swift", slug: "swift")
    let rust = TagRef(name: "Rust", slug: "rust")
    let zebra = TagRef(name: "Zebra", slug: "zebra")

    func search(_ db: SearchDatabase, _ text: String, limit: Int = 50) async throws -> [RankedPost] {
        try await db.queries.search(try SearchQuery(text), after: nil, limit: limit)
    }

    @Test func titleOutranksTagsOutranksBody() async throws {
        try await SearchDatabase.with { db in
            // The body says it five times, yet the title's one word still wins.
            let body = try await db.insert(title: "Stripes", body: "zebra zebra zebra zebra zebra on the savanna")
            let title = try await db.insert(title: "The zebra", body: "an animal")
            let tag = try await db.insert(title: "Stripes again", body: "black and white", tags: [zebra])
            _ = try await db.insert(title: "Nothing here", body: "a horse")
            let hits = try await search(db, "zebra")
            #expect(hits.map(\.summary.id) == [title, tag, body])
            #expect(hits[0].rank > hits[1].rank && hits[1].rank > hits[2].rank)
            // Stemming: the plural finds the same posts.
            #expect(try await search(db, "zebras").count == 3)
        }
    }

    @Test func websearchSyntax() async throws {
        try await SearchDatabase.with { db in
            let phrase = try await db.insert(title: "Foxes", body: "the quick fox jumps")
            let apart = try await db.insert(title: "Foxes too", body: "the fox is quick")
            let kotlin = try await db.insert(title: "Swift and Kotlin", body: "mobile languages")
            let onlySwift = try await db.insert(title: "Swift alone", body: "server side")
            let haskell = try await db.insert(title: "Haskell", body: "lazy")
            let rustPost = try await db.insert(title: "Rust", body: "ownership")
            #expect(Set(try await search(db, "quick fox").map(\.summary.id)) == [phrase, apart])
            #expect(try await search(db, "\"quick fox\"").map(\.summary.id) == [phrase])
            #expect(try await search(db, "swift -kotlin").map(\.summary.id) == [onlySwift])
            #expect(Set(try await search(db, "haskell or rust").map(\.summary.id)) == [haskell, rustPost])
            #expect(Set(try await search(db, "swift").map(\.summary.id)) == [kotlin, onlySwift])
            // Only stop words or punctuation: no lexemes, no error, nothing found.
            #expect(try await search(db, "the").isEmpty)
            #expect(try await search(db, "!!! ()&|").isEmpty)
            // Odd syntax is never an error.
            _ = try await search(db, "\"unclosed -( or or - \\ ' :*")
        }
    }

    @Test func draftsAndScheduledPostsAreNeverFound() async throws {
        try await SearchDatabase.with { db in
            let published = try await db.insert(title: "Secret plans", tags: [swift])
            let draft = try await db.insert(title: "Secret draft", tags: [swift, rust], status: .draft)
            let scheduled = try await db.insert(title: "Secret schedule", tags: [rust], status: .scheduled)
            #expect(try await search(db, "secret").map(\.summary.id) == [published])
            #expect(try await db.queries.tagCounts() == [TagCount(name: "Swift", slug: "swift", postCount: 1)])
            #expect(try await db.queries.publishedSummaries(ids: [draft, scheduled, published]).map(\.id) == [published])
            #expect(try await db.queries.publishedPosts(after: nil, limit: 10).map(\.id) == [published])
        }
    }

    @Test func paginationIsStableUnderInserts() async throws {
        try await SearchDatabase.with { db in
            // Ties (same rank) and distinct ranks, so the id breaks ties across page boundaries.
            var all: [UUID] = []
            for i in 0..<12 { all.append(try await db.insert(title: "Paging post \(i)", body: i % 3 == 0 ? "paging paging" : "")) }
            for i in 0..<11 { all.append(try await db.insert(title: "Other \(i)", body: "paging")) }
            let expected = try await search(db, "paging").map(\.summary.id)
            #expect(Set(expected) == Set(all))
            #expect(try await db.searchAll("paging", limit: 5) == expected)
            #expect(try await db.searchAll("paging", limit: 1) == expected)

            // A post inserted between two pages, ranked above the first, shows on no later page.
            let query = try SearchQuery("paging")
            let first = try await db.queries.search(query, after: nil, limit: 4)
            let newcomer = try await db.insert(title: "Paging paging paging", body: "paging paging")
            var seen = first.map(\.summary.id)
            var after = first.last?.position
            while let position = after {
                let rows = try await db.queries.search(query, after: position, limit: 4)
                seen += rows.map(\.summary.id)
                after = rows.count == 4 ? rows.last?.position : nil
            }
            #expect(seen == expected)
            #expect(!seen.contains(newcomer))
        }
    }

    @Test func theHighlightEscapesTheBodyAndMarksTheHits() async throws {
        try await SearchDatabase.with { db in
            // The plain text of a body whose author wrote markup as text; private-use characters too.
            let body = "Intro. <script>alert('xss')</script> teaches Swift actors & tasks. \u{E000}<b>fake</b>\u{E001} \u{E002}mark\u{E003}."
            try await db.insert(title: "Concurrency", body: body)
            let hit = try #require(try await search(db, "actors").first).hit
            #expect(Self.onlyMarks(hit.highlight))
            #expect(hit.highlight == "Intro. &lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; teaches Swift <mark>actors</mark> &amp; tasks. &lt;b&gt;fake&lt;/b&gt; mark")
            // A word between angles is still marked, inside the escaped text; spacing is kept.
            try await db.insert(title: "Kafka", body: "see <em>kafka</em> and <script>kafka</script>, a < b > c")
            // (`ts_headline` chooses where a fragment starts and ends.)
            let marked = try #require(try await search(db, "kafka").first).hit.highlight
            #expect(marked.contains("<mark>kafka</mark>&lt;/em&gt; and &lt;script&gt;<mark>kafka</mark>&lt;/script"))
            #expect(Self.onlyMarks(marked))
            try await db.insert(title: "Less", body: "zebu lives where alpha < beta > gamma holds")
            let spaced = try #require(try await search(db, "zebu").first).hit.highlight
            #expect(spaced.hasPrefix("<mark>zebu</mark> lives"))
            #expect(Self.onlyMarks(spaced))
        }
    }

    /// Whether the only markup in `html` is `<mark>` and `</mark>`.
    static func onlyMarks(_ html: String) -> Bool {
        let rest = html.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
        return !rest.contains("<") && !rest.contains(">") && !rest.contains("\"")
    }

    @Test func aLongBodyGivesAtMostTwoFragments() async throws {
        try await SearchDatabase.with { db in
            let filler = Array(repeating: "lorem ipsum dolor sit amet", count: 40).joined(separator: " ")
            try await db.insert(title: "Long", body: "\(filler) needle \(filler) needle \(filler) needle \(filler)")
            let highlight = try #require(try await search(db, "needle").first).headline
            let html = SearchHighlight.html(fromHeadline: highlight)
            #expect(html.components(separatedBy: "<mark>needle</mark>").count - 1 == 2)
            #expect(html.components(separatedBy: " … ").count == 2)
            #expect(html.unicodeScalars.count < 400)
        }
    }

    @Test func tagCountsMostUsedFirstTiesBySlug() async throws {
        try await SearchDatabase.with { db in
            let go = TagRef(name: "Go", slug: "go")
            try await db.insert(title: "a", tags: [swift, rust])
            try await db.insert(title: "b", tags: [rust, go])
            // Another spelling of the same slug counts for the tag and keeps the first name.
            try await db.insert(title: "c", tags: [TagRef(name: "RUST", slug: "rust"), zebra])
            try await db.insert(title: "d", tags: [zebra], status: .draft)
            try await db.insert(title: "e", tags: [TagRef(name: "Unused", slug: "unused")], status: .draft)
            #expect(try await db.queries.tagCounts() == [
                TagCount(name: "Rust", slug: "rust", postCount: 3),
                TagCount(name: "Go", slug: "go", postCount: 1),
                TagCount(name: "Swift", slug: "swift", postCount: 1),
                TagCount(name: "Zebra", slug: "zebra", postCount: 1),
            ])
        }
    }

    @Test func summariesByIdsInTheOrderAsked() async throws {
        try await SearchDatabase.with { db in
            let a = try await db.insert(title: "A", tags: [swift])
            let b = try await db.insert(title: "B")
            let draft = try await db.insert(title: "D", status: .draft)
            let summaries = try await db.queries.publishedSummaries(ids: [b, UUID(), draft, a])
            #expect(summaries.map(\.id) == [b, a])
            #expect(summaries[1].tags == [swift])
            #expect(try await db.queries.publishedSummaries(ids: []).isEmpty)
        }
    }

    @Test func exportPagesThroughEveryPublishedPostOldestFirst() async throws {
        try await SearchDatabase.with { db in
            // Microsecond times, some shared, so both keyset columns matter.
            let base = Date(timeIntervalSince1970: 1_795_255_200.123456)
            var ids: [UUID] = []
            for i in 0..<9 {
                ids.append(try await db.insert(title: "Post \(i)", body: "body \(i)", tags: [swift], publishedAt: base.addingTimeInterval(Double(i / 2) * 0.000_001)))
            }
            try await db.insert(title: "Draft", status: .draft)
            let everything = try await db.queries.publishedPosts(after: nil, limit: 100)
            #expect(Set(everything.map(\.id)) == Set(ids))
            #expect(everything.allSatisfy { $0.status == .published && $0.bodyHtml.hasPrefix("<p>") && $0.tags == [swift] })
            var paged: [UUID] = []
            var after: ExportPosition?
            repeat {
                let page = try await db.queries.publishedPosts(after: after, limit: 2)
                paged += page.map(\.id)
                after = page.count == 2 ? page.last.map { ExportPosition(publishedAt: $0.publishedAt!, id: $0.id) } : nil
            } while after != nil
            #expect(paged == everything.map(\.id))
        }
    }
}
