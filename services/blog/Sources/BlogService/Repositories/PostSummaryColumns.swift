import InkwellPostgres

/// Where the columns of a ``PostSummary`` are in one result (``PostRow/summaryColumns``, maybe
/// with more after them): looked up by name once per result, since its rows share their
/// columns, instead of hashing nine names for every row of a page.
struct PostSummaryColumns {
    let id: Int
    let slug: Int
    let title: Int
    let excerpt: Int
    let publishedAt: Int
    let authorId: Int
    let tagSlugs: Int
    let tagNames: Int
    let coverImageUrl: Int

    /// The positions in `row`'s result; throws naming a column it lacks.
    init(of row: PostgresRow) throws {
        id = try row.index(ofColumn: "id")
        slug = try row.index(ofColumn: "slug")
        title = try row.index(ofColumn: "title")
        excerpt = try row.index(ofColumn: "excerpt")
        publishedAt = try row.index(ofColumn: "published_at")
        authorId = try row.index(ofColumn: "author_id")
        tagSlugs = try row.index(ofColumn: "tag_slugs")
        tagNames = try row.index(ofColumn: "tag_names")
        coverImageUrl = try row.index(ofColumn: "cover_image_url")
    }
}
