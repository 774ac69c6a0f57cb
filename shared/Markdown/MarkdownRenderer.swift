internal import CCmarkGFM

/// Renders GitHub-flavoured Markdown (tables, strikethrough, autolinks, task lists) to HTML that
/// is safe to serve as is, plus its plain text.
///
/// Safe by construction: raw HTML is never passed through but shown as text (`<b>` becomes
/// `&lt;b&gt;`; an HTML block becomes a code block), and link and image targets other than http,
/// https, mailto and relative URLs are dropped (the link keeps its text, the image becomes its
/// alt text). The HTML holds only the elements cmark-gfm writes; links carry
/// `rel="nofollow noopener"`.
///
/// Rendering is synchronous, bounded CPU work (the caller limits the input; 100,000 characters
/// render in milliseconds). Every C resource is created and freed within one call; parses are
/// serialised process-wide because cmark-gfm's inline parser mutates global tables.
public struct MarkdownRenderer: Sendable {
    /// No `CMARK_OPT_UNSAFE`: a second line of defence behind the tree rewrite.
    private static let options = CMARK_OPT_DEFAULT

    public init() {}

    /// Renders `markdown`, any length the caller allows; NUL bytes become U+FFFD.
    public func render(_ markdown: String) -> RenderedMarkdown {
        let runtime = CmarkRuntime.shared
        let parser = CmarkParser(options: Self.options)
        let document = parser.parse(markdown, runtime: runtime)
        document.neutraliseUnsafeContent()
        let html = document.html(options: Self.options, extensions: parser.syntaxExtensions)
        return RenderedMarkdown(html: html, plainText: document.plainText())
    }
}
