import Foundation

extension UUID {
    /// Parses the canonical 8-4-4-4-12 form, hex digits of either case; nil for anything else
    /// (another length, a misplaced or missing dash, a non-hex character).
    ///
    /// Why: Foundation's `UUID(uuidString:)` goes through `strlen`, `strtoul` and `sscanf`,
    /// which showed in the gateway's and the services' read profiles (every id of every JSON
    /// answer and database row). It accepts exactly what this accepts, except that it stops at
    /// an embedded NUL (C string semantics); callers that must keep that behaviour write
    /// `UUID(canonical: s) ?? UUID(uuidString: s)`, which costs nothing on the usual path.
    public init?(canonical string: String) {
        var string = string
        guard let uuid = string.withUTF8({ UUID(canonicalBytes: $0) }) else { return nil }
        self = uuid
    }

    /// ``init(canonical:)`` over UTF-8 bytes (a slice of a JSON document, a database field).
    public init?(canonicalBytes text: UnsafeBufferPointer<UInt8>) {
        guard text.count == 36,
              text[8] == UInt8(ascii: "-"), text[13] == UInt8(ascii: "-"), text[18] == UInt8(ascii: "-"), text[23] == UInt8(ascii: "-")
        else { return nil }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        // Bitwise OR of every nibble's "invalid" flag: one branch at the end instead of 32.
        var invalid: UInt8 = 0
        withUnsafeMutableBytes(of: &uuid) { out in
            var index = 0
            for byte in 0..<16 {
                if index == 8 || index == 13 || index == 18 || index == 23 { index += 1 }
                let high = Self.nibble(text[index]), low = Self.nibble(text[index + 1])
                invalid |= (high | low) & 0xF0
                out[byte] = high << 4 | (low & 0x0F)
                index += 2
            }
        }
        guard invalid == 0 else { return nil }
        self.init(uuid: uuid)
    }

    /// The value of a hex digit, or 0xFF for any other byte.
    @inline(__always)
    private static func nibble(_ c: UInt8) -> UInt8 {
        let digit = c &- UInt8(ascii: "0")
        if digit < 10 { return digit }
        let letter = (c | 0x20) &- UInt8(ascii: "a")
        return letter < 6 ? letter + 10 : 0xFF
    }
}
