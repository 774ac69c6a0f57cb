/// A Markdown document rendered by ``MarkdownRenderer``.
public struct RenderedMarkdown: Sendable, Equatable {
    /// The HTML fragment (no `<html>` or `<body>`), safe to embed in a page as is.
    public var html: String
    /// The document's words without markup, for the search index and excerpts: text, inline code
    /// and code block literals (a link's text but not its URL, an image's alt text), one space
    /// between blocks, runs of whitespace collapsed. Text, not HTML: a `<` the author typed is
    /// a `<` here, so whoever shows it escapes it.
    public var plainText: String

    /// A rendering from its parts (``MarkdownRenderer/render(_:)`` makes them; stored ones reload so).
    public init(html: String, plainText: String) {
        self.html = html
        self.plainText = plainText
    }

    /// The start of ``plainText``: all of it when it has at most `maxLength` characters;
    /// otherwise at most `maxLength` characters ending in `…`, cut after the last whole word when
    /// a space falls among the last 30 characters kept, else mid-word.
    ///
    /// Counts `Character`s (grapheme clusters), so an emoji with modifiers or a letter with
    /// combining marks is never split.
    public func excerpt(maxLength: Int = 200) -> String {
        guard maxLength > 0 else { return "" }
        let text = plainText
        guard let limit = text.index(text.startIndex, offsetBy: maxLength, limitedBy: text.endIndex),
              limit != text.endIndex
        else { return text }
        // Room for maxLength - 1 characters and the ellipsis.
        let hardCut = text.index(before: limit)
        var cut = hardCut
        if text[hardCut] != " " {
            var candidate = hardCut
            var looked = 0
            while candidate > text.startIndex, looked < Self.wordBoundaryWindow {
                text.formIndex(before: &candidate)
                looked += 1
                if text[candidate] == " " {
                    cut = candidate
                    break
                }
            }
        }
        var kept = text[..<cut]
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
    }

    /// How far back ``excerpt(maxLength:)`` looks for a space to cut at.
    private static let wordBoundaryWindow = 30
}
