/// Why a string is not a valid ``SinkPath``.
public struct SinkPathError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Reason: String, Hashable, Sendable {
        case empty = "the path is empty"
        case absolute = "the path is absolute (starts with /)"
        case dotSegment = "a segment is . or .."
        case emptySegment = "a segment is empty (// or a trailing /)"
        case hiddenSegment = "a segment starts with . (hidden file)"
        case backslash = "the path contains a backslash"
        case controlCharacter = "the path contains NUL or another control character"
        case percentSign = "the path contains % (no percent-encoding)"
        case nonASCII = "the path contains a non-ASCII character"
        case disallowedCharacter = "a segment contains a character other than letters, digits, - _ . ~"
        case slashInSegment = "a segment given on its own contains /"
        case segmentTooLong = "a segment is longer than 255 bytes"
        case tooLong = "the path is longer than 1024 bytes"
        case tooDeep = "the path has more than 16 segments"
    }

    public let reason: Reason
    /// The refused path, as given (may hold anything: print ``description``, which escapes it).
    public let path: String

    public init(reason: Reason, path: String) {
        self.reason = reason
        self.path = path
    }

    /// The reason and the path, with control and non-ASCII characters escaped and the path cut
    /// to 120 bytes, so a hostile path cannot forge log lines.
    public var description: String { "invalid sink path \"\(Self.printable(path))\": \(reason.rawValue)" }

    static func printable(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        var out = ""
        for byte in path.utf8.prefix(120) {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "\\x"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        if path.utf8.count > 120 { out += "..." }
        return out
    }
}
