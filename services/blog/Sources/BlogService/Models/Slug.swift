import Foundation

/// Post and tag slugs (API.md): `^[a-z0-9]+(?:-[a-z0-9]+)*$`, at most 80 characters.
///
/// Derivation folds a title to lower-case ASCII ("Ünïcode Straße" → `unicode-strasse`): the text
/// is decomposed (NFD) so diacritics fall away as combining marks, a few letters that do not
/// decompose are spelled out (ß → ss, æ → ae, ø → o, …), and every run of anything else becomes
/// one `-`. All of it is done over scalars and bytes by hand (no `Regex`).
public enum Slug {
    public static let maxLength = 80
    /// The slug of a title with nothing to keep ("!!!", "日本語").
    public static let fallback = "post"
    public static let formatMessage = "must be lower-case letters and digits in words joined by single '-' (at most 80 characters)"

    /// The slug of a post title; ``fallback`` when nothing of it survives.
    public static func derive(from title: String) -> String {
        let slug = normalize(title)
        return slug.isEmpty ? fallback : slug
    }

    /// Lower-case ASCII words of `text` joined by `-`, cut to ``maxLength`` at a `-` boundary;
    /// empty when `text` has no letter or digit that folds to ASCII.
    public static func normalize(_ text: String, maxLength: Int = Slug.maxLength) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(text.utf8.count, maxLength * 2))
        var pendingDash = false
        func append(_ byte: UInt8) {
            if pendingDash, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
            pendingDash = false
            bytes.append(byte)
        }
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            // Combining marks are the diacritics NFD split off: they vanish without a break.
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.isASCII {
                var byte = UInt8(scalar.value)
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
                if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                    append(byte)
                } else {
                    pendingDash = true
                }
            } else if let spelled = spelledOut[scalar] {
                for byte in spelled.utf8 { append(byte) }
            } else {
                pendingDash = true
            }
            // Far enough past the limit to cut at a boundary: stop reading a huge title.
            if bytes.count > maxLength + 1 { break }
        }
        return cut(bytes, to: maxLength)
    }

    /// `base-n`, still at most ``maxLength`` (the base is cut at a `-` boundary to make room).
    public static func numbered(_ base: String, _ n: Int) -> String {
        guard n > 1 else { return base }
        let suffix = "-\(n)"
        return cut(Array(base.utf8), to: maxLength - suffix.utf8.count) + suffix
    }

    /// Whether `slug` matches the slug format, checked on its bytes.
    public static func isValid(_ slug: some StringProtocol) -> Bool {
        let utf8 = slug.utf8
        guard !utf8.isEmpty, utf8.count <= maxLength else { return false }
        var previousWasDash = true  // no leading '-'
        for byte in utf8 {
            if byte == UInt8(ascii: "-") {
                guard !previousWasDash else { return false }
                previousWasDash = true
            } else if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                previousWasDash = false
            } else {
                return false
            }
        }
        return !previousWasDash
    }

    /// `bytes` (a well-formed slug, possibly too long) cut to `limit` at the last `-` that fits;
    /// a single word longer than `limit` is cut hard.
    static func cut(_ bytes: [UInt8], to limit: Int) -> String {
        guard bytes.count > limit else { return String(decoding: bytes, as: UTF8.self) }
        if bytes[limit] == UInt8(ascii: "-") { return String(decoding: bytes[..<limit], as: UTF8.self) }
        var end = limit
        while end > 0, bytes[end - 1] != UInt8(ascii: "-") { end -= 1 }
        let kept = end > 1 ? bytes[..<(end - 1)] : bytes[..<limit]
        return String(decoding: kept, as: UTF8.self)
    }

    /// Letters that NFD leaves whole, spelled the way German, Nordic and Polish readers expect.
    static let spelledOut: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ł": "l", "Ł": "l", "ı": "i", "ħ": "h", "Ħ": "h",
    ]
}
