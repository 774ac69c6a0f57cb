import InkwellCore

/// The tag's JSON by hand (see ``JSONStreamEncodable`` for why); the same bytes as its `Encodable` conformance.
extension TagRef: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) {
        output.beginObject()
        output.key("name")
        output.string(name)
        output.key("slug")
        output.string(slug)
        output.endObject()
    }

    /// A post's `tags` array.
    static func encodeJSON(_ tags: [TagRef], to output: inout JSONOutput) {
        output.beginArray()
        for tag in tags { tag.encodeJSON(to: &output) }
        output.endArray()
    }
}
