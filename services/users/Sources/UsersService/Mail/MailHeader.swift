import Foundation

/// Header value encoding for outgoing mail (RFC 5322, RFC 2047).
public enum MailHeader {
    /// Drops CR, LF and every other control character: user text can never start a new header.
    public static func sanitized(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
            .trimmingCharacters(in: .whitespaces)
    }

    /// Unstructured text (Subject): ASCII as it is, anything else as encoded words.
    public static func text(_ value: String) -> String {
        let clean = sanitized(value)
        return isPrintableASCII(clean) ? clean : encodedWords(clean)
    }

    /// A display name: a quoted string when ASCII, else encoded words (which need no quoting).
    public static func phrase(_ value: String) -> String {
        let clean = sanitized(value)
        if isPrintableASCII(clean) {
            return "\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(clean)
    }

    /// `=?UTF-8?B?...?=` words of at most 75 characters each, split between characters (never
    /// inside a UTF-8 sequence), separated by folding white space.
    public static func encodedWords(_ value: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        // 45 bytes of UTF-8 become 60 base64 characters: 72 with the `=?UTF-8?B?` `?=` framing.
        for character in value {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    static func isPrintableASCII(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
    }
}
