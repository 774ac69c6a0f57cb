import InkwellPostgres

/// Turns a `ts_headline` into the `highlight` of a search hit: HTML-escaped text with the matched
/// words in `<mark>…</mark>`.
///
/// PostgreSQL marks the hits with two private-use characters (``start``, ``stop``) instead of
/// tags, so that the whole headline can be escaped first and only then get its marks: nothing of
/// the post's own text can become markup. Before `ts_headline` the query rewrites the post's text
/// (``hiddenText(_:)``): it deletes the four private-use characters used here, so each one left
/// is one this code or PostgreSQL put there, and it hides every `<` and `>` as a spaced
/// ``lessThan``/``greaterThan``, because `ts_headline` drops whatever its parser takes for an
/// HTML tag (and the words of a `<script>`), while a tag the author wrote as text must come back
/// as text, escaped, with its words marked. The spaces keep the hiding characters out of the
/// neighbouring words; ``html(fromHeadline:)`` takes them away again.
enum SearchHighlight {
    /// U+E000: where a hit starts (`StartSel`).
    static let start: Unicode.Scalar = "\u{E000}"
    /// U+E001: where a hit ends (`StopSel`).
    static let stop: Unicode.Scalar = "\u{E001}"
    /// U+E002: a `<` of the post's text.
    static let lessThan: Unicode.Scalar = "\u{E002}"
    /// U+E003: a `>` of the post's text.
    static let greaterThan: Unicode.Scalar = "\u{E003}"
    /// The private-use characters deleted from the post's text first.
    static let privateUse = "\u{E000}\u{E001}\u{E002}\u{E003}"
    /// What `<` and `>` become for `ts_headline`.
    static let hiddenLessThan = " \u{E002} "
    static let hiddenGreaterThan = " \u{E003} "

    /// The SQL that rewrites the text `column` for `ts_headline`, its arguments bound.
    static func hiddenText(_ column: PostgresQuery) -> PostgresQuery {
        "replace(replace(translate(\(column), \(privateUse), ''), '<', \(hiddenLessThan)), '>', \(hiddenGreaterThan))"
    }

    /// The `ts_headline` options: up to two fragments of 8 to 24 words joined by " … ".
    static let headlineOptions = "StartSel=\u{E000}, StopSel=\u{E001}, MaxFragments=2, MinWords=8, MaxWords=24, FragmentDelimiter=\" … \""

    /// The safe HTML of `headline`. Marks never nest and are always closed: a start inside a
    /// mark or a stop outside one is dropped, an open mark is closed at the end.
    static func html(fromHeadline headline: String) -> String {
        var html = ""
        html.reserveCapacity(headline.utf8.count + 64)
        var open = false
        var skipSpace = false
        for scalar in headline.unicodeScalars {
            let skipping = skipSpace
            skipSpace = false
            switch scalar {
            case start:
                if !open { html += "<mark>"; open = true }
            case stop:
                if open { html += "</mark>"; open = false }
            case lessThan, greaterThan:
                // The space before was added with it (unless a fragment starts here); the
                // space after is skipped below.
                if html.utf8.last == UInt8(ascii: " ") { html.removeLast() }
                html += scalar == lessThan ? "&lt;" : "&gt;"
                skipSpace = true
            case " " where skipping: break
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "&": html += "&amp;"
            case "\"": html += "&quot;"
            case "'": html += "&#39;"
            default: html.unicodeScalars.append(scalar)
            }
        }
        if open { html += "</mark>" }
        return html
    }
}
