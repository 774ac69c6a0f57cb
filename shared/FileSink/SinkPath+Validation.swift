extension SinkPath {
    /// Checks `string` byte by byte and returns its segments; no `Regex`, no Foundation.
    static func validate(_ string: String) throws(SinkPathError) -> [String] {
        let bytes = string.utf8
        func fail(_ reason: SinkPathError.Reason) -> SinkPathError { SinkPathError(reason: reason, path: string) }

        guard !bytes.isEmpty else { throw fail(.empty) }
        guard bytes.count <= maxLength else { throw fail(.tooLong) }
        guard bytes.first != UInt8(ascii: "/") else { throw fail(.absolute) }

        // Characters first, so that `..%2f` or `a\..\b` name their real problem.
        for byte in bytes {
            switch byte {
            case 0x00..<0x20, 0x7F: throw fail(.controlCharacter)
            case UInt8(ascii: "\\"): throw fail(.backslash)
            case UInt8(ascii: "%"): throw fail(.percentSign)
            case 0x80...: throw fail(.nonASCII)
            case UInt8(ascii: "/"): continue
            default:
                if !isAllowedInSegment(byte) { throw fail(.disallowedCharacter) }
            }
        }

        var segments: [String] = []
        for segment in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if segment.isEmpty { throw fail(.emptySegment) }
            if segment.elementsEqual(".".utf8) || segment.elementsEqual("..".utf8) { throw fail(.dotSegment) }
            if segment.first == UInt8(ascii: ".") { throw fail(.hiddenSegment) }
            if segment.count > maxSegmentLength { throw fail(.segmentTooLong) }
            segments.append(String(decoding: segment, as: UTF8.self))
            if segments.count > maxDepth { throw fail(.tooDeep) }
        }
        return segments
    }

    /// Letters, digits, `-`, `_`, `.`, `~`: the unreserved characters of RFC 3986.
    static func isAllowedInSegment(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
