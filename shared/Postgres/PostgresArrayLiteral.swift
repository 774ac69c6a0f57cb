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
        // One buffer for every element's unescaped bytes.
        var elementBytes: [UInt8] = []
        var index = 1
        let end = bytes.count - 1
        if index == end { return [] }
        while index <= end {
            elementBytes.removeAll(keepingCapacity: true)
            var quoted = false
            if bytes[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while true {
                    guard index < end else { throw fail("unterminated quoted element") }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\\") {
                        guard index + 1 < end else { throw fail("dangling backslash") }
                        elementBytes.append(bytes[index + 1])
                        index += 2
                    } else if byte == UInt8(ascii: "\"") {
                        index += 1
                        break
                    } else {
                        elementBytes.append(byte)
                        index += 1
                    }
                }
            } else {
                while index < end, bytes[index] != UInt8(ascii: ",") {
                    if bytes[index] == UInt8(ascii: "{") { throw fail("multi-dimensional arrays are not supported") }
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < end { index += 1 }
                    elementBytes.append(bytes[index])
                    index += 1
                }
            }
            elements.append(!quoted && isNull(elementBytes) ? nil : String(decoding: elementBytes, as: UTF8.self))
            if index == end { break }
            guard bytes[index] == UInt8(ascii: ",") else { throw fail("expected ',' between elements") }
            index += 1
            if index == end { throw fail("trailing ','") }
        }
        return elements
    }

    /// An unquoted `NULL`, in any case.
    private static func isNull(_ bytes: [UInt8]) -> Bool {
        bytes.count == 4 && bytes[0] | 0x20 == UInt8(ascii: "n") && bytes[1] | 0x20 == UInt8(ascii: "u")
            && bytes[2] | 0x20 == UInt8(ascii: "l") && bytes[3] | 0x20 == UInt8(ascii: "l")
    }
}
