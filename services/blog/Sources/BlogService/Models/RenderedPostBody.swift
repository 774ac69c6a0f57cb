/// A post body rendered from Markdown: safe HTML, its plain text (for search), and the excerpt.
public struct RenderedPostBody: Sendable, Equatable {
    public var html: String
    public var plainText: String
    public var excerpt: String

    public init(html: String, plainText: String, excerpt: String) {
        self.html = html
        self.plainText = plainText
        self.excerpt = excerpt
    }
}
