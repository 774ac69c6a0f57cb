/// Whether a request path is one that every router and HTTP client reads alike.
///
/// A path with a `.` or `..` segment (raw or percent-encoded, in any case, encoded several
/// times), an encoded `/` or `\`, a backslash or a NUL means different things to different
/// parsers: one resolves `..`, the next does not, and `/api/v1/auth/../../internal/v1/users`
/// turns into a path no public route allows. Such paths are refused outright, never repaired.
public enum PathSafety {
    /// Why a path was refused.
    public enum Violation: Sendable, Equatable {
        /// A `.` or `..` segment, raw or percent-encoded.
        case dotSegment
        /// `%2F` or `%5C` (at any level of encoding): a separator hidden from the router.
        case encodedSeparator
        /// A raw `\` (some parsers read it as `/`).
        case backslash
        /// A NUL byte (`%00`).
        case nul
        /// A `%` not followed by two hex digits in the path as sent.
        case malformedEncoding
        /// Still percent-encoded after ``decodingRounds`` decodings.
        case tooDeeplyEncoded
    }

    /// How many layers of percent-encoding are looked through (`%25252e` is three).
    public static let decodingRounds = 3

    /// The reason `path` (the request target without its query) must be refused, or nil.
    /// Allocates nothing for a path without `%`.
    public static func violation(in path: some StringProtocol) -> Violation? {
        path.utf8.withContiguousStorageIfAvailable { violation(in: $0) }
            ?? violation(in: Array(path.utf8))
    }

    static func violation(in raw: some Collection<UInt8>) -> Violation? {
        if let violation = plainViolation(raw) { return violation }
        guard raw.contains(UInt8(ascii: "%")) else { return nil }
        var current = Array(raw)
        for round in 0..<decodingRounds {
            guard let decoded = decodeOnce(current, strict: round == 0) else { return .malformedEncoding }
            if let violation = decoded.violation { return violation }
            if let violation = plainViolation(decoded.bytes) { return violation }
            guard decoded.stillEncoded else { return nil }
            current = decoded.bytes
        }
        return .tooDeeplyEncoded
    }

    /// Checks bytes as they stand: backslash, NUL, `.`/`..` segments.
    static func plainViolation(_ bytes: some Collection<UInt8>) -> Violation? {
        var segmentLength = 0
        var segmentDots = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "/"):
                if segmentLength > 0, segmentDots == segmentLength, segmentLength <= 2 { return .dotSegment }
                segmentLength = 0
                segmentDots = 0
                continue
            case UInt8(ascii: "\\"): return .backslash
            case 0: return .nul
            case UInt8(ascii: "."): segmentDots += 1
            default: break
            }
            segmentLength += 1
        }
        if segmentLength > 0, segmentDots == segmentLength, segmentLength <= 2 { return .dotSegment }
        return nil
    }

    struct Decoded {
        var bytes: [UInt8]
        /// A separator or NUL that was encoded: refused whatever else the path holds.
        var violation: Violation?
        /// Whether a well-formed `%XX` is left after this round.
        var stillEncoded: Bool
    }

    /// Decodes one layer of `%XX`. With `strict`, a lone `%` is malformed (nil); in later rounds
    /// it is a literal percent that had been encoded as `%25`.
    static func decodeOnce(_ bytes: [UInt8], strict: Bool) -> Decoded? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var violation: Violation?
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                    let value = high << 4 | low
                    switch value {
                    case UInt8(ascii: "/"), UInt8(ascii: "\\"): violation = violation ?? .encodedSeparator
                    case 0: violation = violation ?? .nul
                    default: break
                    }
                    out.append(value)
                    index += 3
                    continue
                }
                if strict { return nil }
            }
            out.append(byte)
            index += 1
        }
        return Decoded(bytes: out, violation: violation, stillEncoded: containsEncoding(out))
    }

    static func containsEncoding(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), hexValue(bytes[index + 1]) != nil, hexValue(bytes[index + 2]) != nil { return true }
            index += 1
        }
        return false
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
