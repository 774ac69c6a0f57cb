import Foundation
import InkwellContracts
import InkwellPostgres

/// ``PostQueries`` against the blog schema. Plain reads on the pool, one statement each.
struct PostgresPostQueries: PostQueries {
    let postgres: PostgresClient

    func search(_ query: SearchQuery, after: SearchPosition?, limit: Int) async throws -> [RankedPost] {
        // `ts_rank` with the default weights (A 1.0, B 0.4, C 0.2): the best field a word is
        // found in dominates and repeats add less and less, so a title hit outranks any number
        // of body hits. (`ts_rank_cd` sums covers: a body repeating a word would beat a title.)
        // The rank is widened to float8 in SQL so the cursor carries the exact value compared.
        var keyset: PostgresQuery = ""
        if let after {
            keyset = "AND (ts_rank(p.search, query)::float8, p.id) < (\(after.rank), \(after.id))"
        }
        // The page is chosen first; only its rows pay for `ts_headline`.
        let rows = try await postgres.query("""
            WITH hits AS (
                SELECT p.id, ts_rank(p.search, query)::float8 AS rank
                FROM posts p, websearch_to_tsquery('english', \(query.text)) AS query
                WHERE p.status = 'published' AND p.search @@ query \(keyset)
                ORDER BY rank DESC, p.id DESC
                LIMIT \(limit)
            )
            SELECT \(PostRow.summaryColumns), hits.rank,
                   ts_headline('english', \(SearchHighlight.hiddenText("posts.body_text")), query, \(SearchHighlight.headlineOptions)) AS headline
            FROM hits JOIN posts USING (id), websearch_to_tsquery('english', \(query.text)) AS query
            ORDER BY hits.rank DESC, id DESC
            """)
        guard let first = rows.first else { return [] }
        let columns = try PostSummaryColumns(of: first)
        return try rows.map { row in
            RankedPost(summary: try PostRow.summary(row, columns), rank: try row.decode(column: "rank"), headline: try row.decode(column: "headline"))
        }
    }

    func tagCounts() async throws -> [TagCount] {
        // The display name is the `tags` row's (the first spelling seen); the post's own
        // spelling only if that row is missing.
        let rows = try await postgres.query("""
            SELECT t.slug, coalesce(tags.name, min(t.name)) AS name, count(DISTINCT p.id) AS post_count
            FROM posts p CROSS JOIN LATERAL unnest(p.tag_slugs, p.tag_names) AS t (slug, name)
            LEFT JOIN tags ON tags.slug = t.slug
            WHERE p.status = 'published'
            GROUP BY t.slug, tags.name
            ORDER BY post_count DESC, t.slug
            """)
        return try rows.map { row in
            TagCount(name: try row.decode(column: "name"), slug: try row.decode(column: "slug"), postCount: try row.decode(column: "post_count"))
        }
    }

    func publishedSummaries(ids: [UUID]) async throws -> [PostSummary] {
        guard !ids.isEmpty else { return [] }
        return try PostRow.summaries(await postgres.query("""
            SELECT \(PostRow.summaryColumns) FROM posts
            WHERE id = ANY(\(ids)) AND status = 'published'
            ORDER BY array_position(\(ids), id)
            """))
    }

    func publishedPosts(after: ExportPosition?, limit: Int) async throws -> [Post] {
        var keyset: PostgresQuery = ""
        if let after {
            keyset = "AND (published_at, id) > (\(after.publishedAt), \(after.id))"
        }
        return try await postgres.query("""
            SELECT \(PostRow.columns) FROM posts
            WHERE status = 'published' \(keyset)
            ORDER BY published_at, id
            LIMIT \(limit)
            """).map(PostRow.post)
    }

    func publishedPosts(ids: [UUID]) async throws -> [Post] {
        guard !ids.isEmpty else { return [] }
        return try await postgres.query("""
            SELECT \(PostRow.columns) FROM posts
            WHERE id = ANY(\(ids)) AND status = 'published'
            ORDER BY array_position(\(ids), id)
            """).map(PostRow.post)
    }

    func slugRedirects(postIds: [UUID]?) async throws -> [SlugRedirect] {
        var filter: PostgresQuery = ""
        if let postIds { filter = "AND r.post_id = ANY(\(postIds))" }
        return try await postgres.query("""
            SELECT r.slug, r.post_id FROM post_slug_redirects r JOIN posts p ON p.id = r.post_id
            WHERE p.status = 'published' \(filter)
            ORDER BY r.slug
            """).map { row in
            SlugRedirect(slug: try row.decode(column: "slug"), postId: try row.decode(column: "post_id"))
        }
    }
}
