/// Parses PostgreSQL's text form of a one-dimensional array: `{a,"b c",NULL,"say \"hi\""}`.
enum PostgresArrayLiteral {
    static func parse(_ text: String) throws -> [String?] {
        let bytes = Array(text.utf8)
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
            var element: [UInt8] = []
            var quoted = false
            if bytes[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while true {
                    guard index < end else { throw fail("unterminated quoted element") }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\\") {
                        guard index + 1 < end else { throw fail("dangling backslash") }
                        element.append(bytes[index + 1])
                        index += 2
                    } else if byte == UInt8(ascii: "\"") {
                        index += 1
                        break
                    } else {
                        element.append(byte)
                        index += 1
                    }
                }
            } else {
                while index < end, bytes[index] != UInt8(ascii: ",") {
                    if bytes[index] == UInt8(ascii: "{") { throw fail("multi-dimensional arrays are not supported") }
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < end { index += 1 }
                    element.append(bytes[index])
                    index += 1
                }
            }
            let string = String(decoding: element, as: UTF8.self)
            elements.append(!quoted && string.uppercased() == "NULL" ? nil : string)
            if index == end { break }
            guard bytes[index] == UInt8(ascii: ",") else { throw fail("expected ',' between elements") }
            index += 1
            if index == end { throw fail("trailing ','") }
        }
        return elements
    }
}
