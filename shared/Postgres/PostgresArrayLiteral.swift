/// Parses PostgreSQL's text form of a one-dimensional array: `{a,"b c",NULL,"say \"hi\""}`.
enum PostgresArrayLiteral {
    static func parse(_ text: String) throws -> [String?] {
        var text = text
        return try text.withUTF8 { try parse($0) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [String?] {
        func fail(_ why: String) -> PostgresDecodingFailure { PostgresDecodingFailure("malformed array literal: \(why)") }
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else {
            // "[1:2]={...}" only appears for arrays with lower bound != 1.
            throw fail("expected '{...}' (arrays with custom bounds are not supported)")
        }
        var elements: [String?] = []
        var index = 1
        let end = bytes.count - 1
        if index == end { return [] }
        while index <= end {
            // An element is found first, then made a string in one go: straight from the literal's
            // bytes unless it holds a backslash (the usual case; copying byte by byte showed in reads).
            var escaped = false
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                let start = index
                while true {
                    guard index < end else { throw fail("unterminated quoted element") }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\\") {
                        guard index + 1 < end else { throw fail("dangling backslash") }
                        escaped = true
                        index += 2
                    } else if byte == UInt8(ascii: "\"") {
                        break
                    } else {
                        index += 1
                    }
                }
                let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                elements.append(escaped ? String(decoding: unescaped(content), as: UTF8.self) : String(decoding: content, as: UTF8.self))
            } else {
                let start = index
                while index < end, bytes[index] != UInt8(ascii: ",") {
                    if bytes[index] == UInt8(ascii: "{") { throw fail("multi-dimensional arrays are not supported") }
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < end {
                        escaped = true
                        index += 1
                    }
                    index += 1
                }
                let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
                if escaped {
                    let element = unescaped(content)
                    elements.append(element.withUnsafeBufferPointer(isNull) ? nil : String(decoding: element, as: UTF8.self))
                } else {
                    elements.append(isNull(content) ? nil : String(decoding: content, as: UTF8.self))
                }
            }
            if index == end { break }
            guard bytes[index] == UInt8(ascii: ",") else { throw fail("expected ',' between elements") }
            index += 1
            if index == end { throw fail("trailing ','") }
        }
        return elements
    }

    /// The element's bytes with each backslash escape replaced by the byte it escapes (a
    /// backslash with nothing after it, possible only unquoted at the very end, stays).
    private static func unescaped(_ content: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(content.count)
        var index = 0
        while index < content.count {
            if content[index] == UInt8(ascii: "\\"), index + 1 < content.count { index += 1 }
            result.append(content[index])
            index += 1
        }
        return result
    }

    /// An unquoted `NULL`, in any case.
    private static func isNull(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 4 && bytes[0] | 0x20 == UInt8(ascii: "n") && bytes[1] | 0x20 == UInt8(ascii: "u")
            && bytes[2] | 0x20 == UInt8(ascii: "l") && bytes[3] | 0x20 == UInt8(ascii: "l")
    }
}
