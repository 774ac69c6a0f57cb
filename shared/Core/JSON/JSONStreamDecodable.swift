/// A value that reads itself from JSON bytes in one pass (``JSONReader``), instead of going
/// through `Decodable` and Foundation's `JSONDecoder`.
///
/// Why hand-written: in a profile of the gateway composing `GET /api/v1/posts/{slug}` (a post,
/// 60 comments, their authors) `JSONDecoder.decode` was 35 % of the gateway's CPU: a boxed
/// map of the whole document, a keyed container and a `CodingKey` per member, generic metadata
/// lookups through every property wrapper, and `sscanf` in `UUID(uuidString:)`.
/// With these conformances decoding is about 10 % of a cheaper whole, and the gateway's CPU per
/// request of that read fell by about 45 % (release, A/B on the same stack and minute).
///
/// The contract: when ``decodeJSON(from:)`` returns a value, it is the value the type's
/// `Decodable` conformance gives through ``InkwellJSON/decoder`` for the same bytes (unknown
/// members ignored, a missing or `null` optional member nil, dates by the same rules). On
/// anything else it throws ``JSONDeclined`` and the caller asks Foundation, so correctness
/// never depends on this path; a test compares both over a corpus of shapes and hostile input.
public protocol JSONStreamDecodable: Decodable {
    /// Reads one JSON value at the reader's position (leading whitespace allowed).
    static func decodeJSON(from reader: inout JSONReader) throws(JSONDeclined) -> Self
}
