/// Turns a post's Markdown into ``RenderedPostBody``. The seam where InkwellMarkdown's
/// `MarkdownRenderer` plugs in (``MarkdownPostBodyRenderer``); tests may use another.
public protocol PostBodyRendering: Sendable {
    func render(_ markdown: String) -> RenderedPostBody
}
