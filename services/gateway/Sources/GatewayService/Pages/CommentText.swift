/// A comment's plain-text body as HTML: every character escaped, line breaks kept as `<br>`,
/// and `http://` / `https://` links made clickable with `rel="nofollow ugc"` (the link text and
/// the `href` escaped alike, so a quote cannot leave the attribute). Nothing else of the text
/// becomes markup.
public struct CommentText: Sendable, Hashable {
    /// The comment body as its author wrote it.
    public let body: String

    public init(_ body: String) { self.body = body }

    /// The HTML fragment, safe to place unescaped inside an element.
    public var html: String {
        var output = ""
        output.reserveCapacity(body.utf8.count + body.utf8.count / 8)
        let bytes = Array(body.utf8)
        var index = 0
        var textStart = 0
        while index < bytes.count {
            if let end = Self.linkEnd(in: bytes, at: index) {
                Self.appendText(bytes[textStart..<index], to: &output)
                let link = bytes[index..<end]
                output += "<a href=\""
                Self.appendEscaped(link, to: &output)
                output += "\" rel=\"nofollow ugc\">"
                Self.appendEscaped(link, to: &output)
                output += "</a>"
                index = end
                textStart = end
            } else {
                index += 1
            }
        }
        Self.appendText(bytes[textStart..<bytes.count], to: &output)
        return output
    }

    /// The end of an `http://` or `https://` link starting at `start` (at a word boundary, with
    /// at least one character after the scheme), or nil. A link runs to the next space, control
    /// character, quote or angle bracket; trailing punctuation (`.,;:!?)`) is left out.
    static func linkEnd(in bytes: [UInt8], at start: Int) -> Int? {
        guard bytes[start] == UInt8(ascii: "h") || bytes[start] == UInt8(ascii: "H") else { return nil }
        if start > 0, isWordByte(bytes[start - 1]) { return nil }
        let schemeLength: Int
        if hasPrefix(bytes, at: start, "https://") {
            schemeLength = 8
        } else if hasPrefix(bytes, at: start, "http://") {
            schemeLength = 7
        } else {
            return nil
        }
        var end = start + schemeLength
        while end < bytes.count, !isLinkTerminator(bytes[end]) { end += 1 }
        while end > start + schemeLength, isTrailingPunctuation(bytes[end - 1]) { end -= 1 }
        return end > start + schemeLength ? end : nil
    }

    static func hasPrefix(_ bytes: [UInt8], at start: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard start + count <= bytes.count else { return false }
        let pointer = prefix.utf8Start
        for offset in 0..<count {
            var byte = bytes[start + offset]
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != pointer[offset] { return false }
        }
        return true
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: ":"):
            true
        default:
            byte >= 0x80
        }
    }

    static func isLinkTerminator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x21, 0x7F, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"):
            true
        default:
            byte >= 0x80
        }
    }

    static func isTrailingPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ")"):
            true
        default:
            false
        }
    }

    /// Escaped text with `\n` (and `\r\n`, `\r`) as `<br>`.
    static func appendText(_ bytes: ArraySlice<UInt8>, to output: inout String) {
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                appendEscaped(bytes[lineStart..<index], to: &output)
                output += "<br>\n"
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                lineStart = index + 1
            }
            index += 1
        }
        appendEscaped(bytes[lineStart..<bytes.endIndex], to: &output)
    }

    /// `bytes` (UTF-8) with `& < > " '` escaped.
    static func appendEscaped(_ bytes: ArraySlice<UInt8>, to output: inout String) {
        var runStart = bytes.startIndex
        for index in bytes.indices {
            let replacement: String
            switch bytes[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: continue
            }
            output += String(decoding: bytes[runStart..<index], as: UTF8.self)
            output += replacement
            runStart = index + 1
        }
        output += String(decoding: bytes[runStart..<bytes.endIndex], as: UTF8.self)
    }
}
