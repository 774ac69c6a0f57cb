/// Turns a `ts_headline` into the `highlight` of a search hit: HTML-escaped text with the matched
/// words in `<mark>…</mark>`.
///
/// PostgreSQL marks the hits with two private-use characters (``start``, ``stop``) instead of
/// tags, so that the whole headline can be escaped first and only then get its marks: nothing of
/// the post's own text can become markup. The query strips those two characters from the post's
/// text before `ts_headline` (``sentinels`` is the `translate()` argument), so every sentinel
/// left is one PostgreSQL put there.
enum SearchHighlight {
    /// U+E000: where a hit starts (`StartSel`).
    static let start: Unicode.Scalar = "\u{E000}"
    /// U+E001: where a hit ends (`StopSel`).
    static let stop: Unicode.Scalar = "\u{E001}"
    /// Both sentinels, removed from the post's text before the headline is made.
    static let sentinels = "\u{E000}\u{E001}"
    /// The `ts_headline` options: up to two fragments of 8 to 24 words joined by " … ".
    static let headlineOptions = "StartSel=\u{E000}, StopSel=\u{E001}, MaxFragments=2, MinWords=8, MaxWords=24, FragmentDelimiter=\" … \""

    /// The safe HTML of `headline`. Marks never nest and are always closed: a start inside a
    /// mark or a stop outside one is dropped, an open mark is closed at the end.
    static func html(fromHeadline headline: String) -> String {
        var html = ""
        html.reserveCapacity(headline.utf8.count + 64)
        var open = false
        for scalar in headline.unicodeScalars {
            switch scalar {
            case start:
                if !open { html += "<mark>"; open = true }
            case stop:
                if open { html += "</mark>"; open = false }
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            case "'": html += "&#39;"
            default: html.unicodeScalars.append(scalar)
            }
        }
        if open { html += "</mark>" }
        return html
    }
}
