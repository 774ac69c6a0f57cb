/// A member's key as the document spells it (no escapes: ``JSONReader`` declines those), valid
/// while the reader that returned it reads; compared with the names a type knows.
public struct JSONKey {
    let bytes: UnsafeBufferPointer<UInt8>

    /// Whether the key is exactly `name` (ASCII, as the API's camelCase keys are).
    @inline(__always)
    public static func == (key: JSONKey, name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard key.bytes.count == count else { return false }
        let start = name.utf8Start
        for offset in 0..<count where key.bytes[offset] != start[offset] { return false }
        return true
    }

    /// The key as a string (a dictionary's key; the reader checked its UTF-8).
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
