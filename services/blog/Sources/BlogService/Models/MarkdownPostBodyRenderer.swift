import InkwellMarkdown

/// Post bodies through InkwellMarkdown: GitHub-flavoured Markdown, raw HTML escaped, link and
/// image targets limited to http, https, mailto and relative URLs.
public struct MarkdownPostBodyRenderer: PostBodyRendering {
    /// The excerpt's length in characters (API.md: "the first ~200 characters of plain text").
    public static let excerptLength = 200
    let markdown = MarkdownRenderer()

    public init() {}

    public func render(_ body: String) -> RenderedPostBody {
        let rendered = markdown.render(body)
        return RenderedPostBody(html: rendered.html, plainText: rendered.plainText, excerpt: rendered.excerpt(maxLength: Self.excerptLength))
    }
}
