import Foundation

extension UUID {
    /// The canonical lower-case form (RFC 9562), as every id in Inkwell's JSON, subjects and keys.
    ///
    /// Formatted from the 16 bytes with a hex table: `uuidString.lowercased()` made two strings
    /// per id and showed in the batch reads' profiles (ids joined into queries, bound as parameters).
    public var lowercased: String {
        String(unsafeUninitializedCapacity: 36) { text in
            writeLowercased(into: text)
            return 36
        }
    }

    /// Writes ``lowercased`` (36 bytes of ASCII) at the start of `text`, which must have room for
    /// them: for callers that put many ids into one buffer (array literals, JSON keys) without a
    /// string per id.
    @inlinable
    public func writeLowercased(into text: UnsafeMutableBufferPointer<UInt8>) {
        precondition(text.count >= 36, "a UUID needs 36 bytes")
        let hex: StaticString = "0123456789abcdef"
        let digits = hex.utf8Start
        withUnsafeBytes(of: uuid) { raw in
            var position = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    text[position] = UInt8(ascii: "-")
                    position += 1
                }
                text[position] = digits[Int(raw[index] >> 4)]
                text[position + 1] = digits[Int(raw[index] & 0xF)]
                position += 2
            }
        }
    }
}
