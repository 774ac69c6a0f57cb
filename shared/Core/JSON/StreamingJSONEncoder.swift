import Foundation

/// Encodes `Encodable` values straight into JSON bytes, in one pass, with Inkwell's conventions
/// (``InkwellJSON``: RFC 3339 millisecond dates, `/` unescaped).
///
/// Why not Foundation's `JSONEncoder` on the response path: it first builds a tree of boxed
/// values (a dictionary per object), then sorts and serialises it; in a profile of the blog's
/// feed (20 post summaries) that was 35 % of the service's CPU. This encoder writes each key and
/// value as the type's `encode(to:)` produces them, so keys come in declaration order (still the
/// same bytes for the same data) and nothing is built in between. The output is plain JSON any
/// decoder reads (cursors too: their signature covers the bytes as written); events keep
/// Foundation's encoder (sorted keys, off the hot path). The hottest shapes skip `Encodable`
/// altogether through ``JSONStreamEncodable``.
public struct StreamingJSONEncoder: Sendable {
    public init() {}

    /// `value` as UTF-8 JSON. Throws `EncodingError.invalidValue` for a non-finite number.
    public func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let sink = JSONSink()
        try sink.encodeTopLevel(value)
        return sink.bytes
    }
}
