import Foundation

/// PLACEHOLDER until InkwellMarkdown lands (replaced at merge): renders no Markdown at all,
/// only HTML-escapes the text into paragraphs, so nothing a body holds can become markup.
public struct EscapingPostBodyRenderer: PostBodyRendering {
    public static let excerptLength = 200

    public init() {}

    public func render(_ markdown: String) -> RenderedPostBody {
        var html = ""
        html.reserveCapacity(markdown.utf8.count + 16)
        for paragraph in markdown.split(separator: "\n\n", omittingEmptySubsequences: true) {
            let text = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            html += "<p>" + Self.escape(text) + "</p>\n"
        }
        let plain = markdown.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return RenderedPostBody(html: html, plainText: plain, excerpt: Self.excerpt(of: plain))
    }

    /// The first ~200 characters of `plain`, cut at a space when there is one, with "…".
    static func excerpt(of plain: String) -> String {
        guard plain.count > excerptLength else { return plain }
        let head = plain.prefix(excerptLength)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut + "…"
    }

    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
