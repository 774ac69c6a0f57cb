/// One search result (API.md `GET /api/v1/search`): `{post: summary, highlight}`.
public struct SearchHit: Codable, Sendable, Equatable {
    public var post: PostSummary
    /// A fragment of the post's text, HTML-escaped, with the matched words in `<mark>…</mark>`.
    public var highlight: String

    public init(post: PostSummary, highlight: String) {
        self.post = post
        self.highlight = highlight
    }
}
