/// Turns a post's Markdown into ``RenderedPostBody``. The seam where InkwellMarkdown's
/// `MarkdownRenderer` plugs in; until then ``EscapingPostBodyRenderer`` stands in.
public protocol PostBodyRendering: Sendable {
    func render(_ markdown: String) -> RenderedPostBody
}
