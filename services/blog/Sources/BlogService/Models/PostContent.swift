import InkwellContracts
import InkwellPostgres

/// The derived columns of a post, computed the same way by every writer (posts, the scheduler,
/// the consumers): `body_html`, `excerpt` and `body_text` from the renderer, and the `search`
/// tsvector over title (weight A), tags (B) and body text (C).
public struct PostContent: Sendable, Equatable {
    public var title: String
    public var tags: [TagRef]
    public var bodyHtml: String
    public var excerpt: String
    public var bodyText: String

    public init(title: String, markdown: String, tags: [TagRef], renderer: some PostBodyRendering) {
        let rendered = renderer.render(markdown)
        self.init(title: title, tags: tags, bodyHtml: rendered.html, excerpt: rendered.excerpt, bodyText: rendered.plainText)
    }

    public init(title: String, tags: [TagRef], bodyHtml: String, excerpt: String, bodyText: String) {
        self.title = title
        self.tags = tags
        self.bodyHtml = bodyHtml
        self.excerpt = excerpt
        self.bodyText = bodyText
    }

    /// The value of the `search` column for this content, as a SQL expression with bound values.
    public var searchVector: PostgresQuery {
        Self.searchVector(title: title, tagNames: tags.map(\.name), bodyText: bodyText)
    }

    /// `setweight(to_tsvector('english', title),'A') || … tags 'B' || … body text 'C'`, with `<`
    /// and `>` read as spaces: PostgreSQL's parser takes `<em>` for a tag and skips what a
    /// `<script>…</script>` encloses, so words an author wrote between brackets would not be found.
    public static func searchVector(title: String, tagNames: [String], bodyText: String) -> PostgresQuery {
        let tags = tagNames.joined(separator: " ")
        return """
            setweight(to_tsvector('english', translate(\(title)::text, '<>', '  ')), 'A') \
            || setweight(to_tsvector('english', translate(\(tags)::text, '<>', '  ')), 'B') \
            || setweight(to_tsvector('english', translate(\(bodyText)::text, '<>', '  ')), 'C')
            """
    }
}
