/// A search result as the gateway answers it: `{post: composed summary, highlight}`.
public struct ComposedSearchHit: Codable, Sendable, Equatable {
    public var post: ComposedPostSummary
    /// The blog's fragment, HTML-escaped, with the matched words in `<mark>…</mark>`.
    public var highlight: String

    public init(post: ComposedPostSummary, highlight: String) {
        self.post = post
        self.highlight = highlight
    }
}
