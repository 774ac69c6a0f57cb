extension JSONReader {
    /// At a `"`: moves past the closing quote and returns the content's bounds and whether it has
    /// escapes (checked when unescaped). A raw control character or no closing quote declines.
    mutating func scanString() throws(JSONDeclined) -> (start: Int, end: Int, escaped: Bool) {
        index += 1
        let start = index
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (start, index - 1, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 2
                continue
            }
            guard byte >= 0x20 else { throw declined("a control character in a string") }
            index += 1
        }
        throw declined("an unterminated string")
    }

    /// The string of escaped content: `\" \\ \/ \b \f \n \r \t \uXXXX` (a surrogate pair as one
    /// scalar); any other escape, a lone surrogate or invalid UTF-8 declines.
    func unescape(_ raw: UnsafeBufferPointer<UInt8>) throws(JSONDeclined) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var position = 0
        func at(_ offset: Int) -> UInt8 { offset < raw.count ? raw[offset] : 0 }
        func hex4(_ offset: Int) -> UInt32? {
            var value: UInt32 = 0
            for i in offset..<(offset + 4) {
                let c = at(i)
                let digit = c &- UInt8(ascii: "0")
                let letter = (c | 0x20) &- UInt8(ascii: "a")
                if digit < 10 { value = value << 4 | UInt32(digit) } else if letter < 6 { value = value << 4 | UInt32(letter + 10) } else { return nil }
            }
            return value
        }
        while position < raw.count {
            let byte = raw[position]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                position += 1
                continue
            }
            let escape = at(position + 1)
            position += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(position) else { throw declined("a bad \\u escape") }
                position += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    guard at(position) == UInt8(ascii: "\\"), at(position + 1) == UInt8(ascii: "u"), let low = hex4(position + 2),
                          (0xDC00...0xDFFF).contains(low)
                    else { throw declined("a lone surrogate") }
                    position += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw declined("a lone surrogate")
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw declined("a bad \\u escape") }
                out.append(contentsOf: UTF8.encode(unicode)!)
            default:
                throw declined("an unknown escape")
            }
        }
        guard let string = String(validating: out, as: UTF8.self) else { throw declined("invalid UTF-8") }
        return string
    }
}
