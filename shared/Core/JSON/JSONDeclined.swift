/// The fast JSON path (``JSONReader``) does not take this document: it is malformed, or shaped
/// in a way only Foundation's decoder may judge (an escaped key, a number form, a duplicate
/// member). Not a decoding failure: ``InkwellJSON/decodeFast(_:from:)`` then asks
/// ``InkwellJSON/decoder``, whose value or error is the answer.
public struct JSONDeclined: Error, Sendable, CustomStringConvertible {
    /// The byte offset in the document where the reader stopped.
    public let offset: Int
    /// Why, for logs and tests.
    public let reason: StaticString

    public init(offset: Int, reason: StaticString) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "JSON fast path declined at byte \(offset): \(reason)" }
}
