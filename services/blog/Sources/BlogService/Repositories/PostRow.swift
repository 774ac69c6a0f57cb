import Foundation
import InkwellContracts
import InkwellPostgres

/// How a `posts` row is read: the one column list and mapping every blog query uses, so the
/// post, its summary and its event snapshot always agree.
enum PostRow {
    /// The columns of `posts` that make a ``Post``, for `SELECT \(PostRow.columns) FROM posts`.
    static let columns: PostgresQuery = """
        id, slug, title, excerpt, body_markdown, body_html, status, published_at, publish_at, created_at, updated_at, \
        author_id, tag_slugs, tag_names, cover_image_url, version
        """
    /// The columns that make a ``PostSummary`` (no bodies), for lists.
    static let summaryColumns: PostgresQuery = """
        id, slug, title, excerpt, published_at, author_id, tag_slugs, tag_names, cover_image_url
        """

    static func post(_ row: PostgresRow) throws -> Post {
        guard let status = PostStatus(rawValue: try row.decode(column: "status")) else {
            throw PostgresDecodingFailure("column status: not a post status")
        }
        return Post(
            id: try row.decode(column: "id"), slug: try row.decode(column: "slug"), title: try row.decode(column: "title"),
            excerpt: try row.decode(column: "excerpt"), bodyMarkdown: try row.decode(column: "body_markdown"),
            bodyHtml: try row.decode(column: "body_html"), status: status,
            publishedAt: try row.decode(column: "published_at"), publishAt: try row.decode(column: "publish_at"),
            createdAt: try row.decode(column: "created_at"), updatedAt: try row.decode(column: "updated_at"),
            authorId: try row.decode(column: "author_id"), tags: try tags(row),
            coverImageUrl: try row.decode(column: "cover_image_url"), version: try row.decode(column: "version")
        )
    }

    /// The summaries of every row of one result (columns looked up once).
    static func summaries(_ rows: [PostgresRow]) throws -> [PostSummary] {
        guard let first = rows.first else { return [] }
        let columns = try PostSummaryColumns(of: first)
        return try rows.map { try summary($0, columns) }
    }

    static func summary(_ row: PostgresRow) throws -> PostSummary {
        try summary(row, PostSummaryColumns(of: row))
    }

    /// The summary of `row`, whose result has its columns at `columns`.
    static func summary(_ row: PostgresRow, _ columns: PostSummaryColumns) throws -> PostSummary {
        let slugs: [String] = try row.decode(at: columns.tagSlugs)
        let names: [String] = try row.decode(at: columns.tagNames)
        return PostSummary(
            id: try row.decode(at: columns.id), slug: try row.decode(at: columns.slug), title: try row.decode(at: columns.title),
            excerpt: try row.decode(at: columns.excerpt), publishedAt: try row.decode(at: columns.publishedAt),
            authorId: try row.decode(at: columns.authorId), tags: zip(names, slugs).map { TagRef(name: $0, slug: $1) },
            coverImageUrl: try row.decode(at: columns.coverImageUrl)
        )
    }

    private static func tags(_ row: PostgresRow) throws -> [TagRef] {
        let slugs: [String] = try row.decode(column: "tag_slugs")
        let names: [String] = try row.decode(column: "tag_names")
        return zip(names, slugs).map { TagRef(name: $0, slug: $1) }
    }
}
