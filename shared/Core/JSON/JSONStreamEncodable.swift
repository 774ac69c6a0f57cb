/// A value that writes its own JSON on the response path, instead of going through `Encodable`.
///
/// Why hand-written: even one-pass, `Encodable` costs a generic container per object, a
/// `CodingKey` per member, existential calls through every property wrapper (`LowercaseUUID`,
/// `Nullable`) and a string per UUID; in a profile of the blog's feed (20 summaries) that was
/// about a fifth of the service's CPU. ``StreamingJSONEncoder`` uses this instead of
/// `encode(to:)` when the value offers it. The output must be byte for byte what the type's
/// `Encodable` conformance gives through the same encoder (keys in declaration order, the same
/// scalars): every conformance has a test that compares the two.
public protocol JSONStreamEncodable: Encodable {
    /// Writes the value as one JSON value to `output`.
    func encodeJSON(to output: inout JSONOutput) throws
}
