import InkwellCore

/// A page of hand-encoded items by hand too (see ``JSONStreamEncodable`` for why); the same bytes
/// as its `Encodable` conformance.
extension Page: JSONStreamEncodable where Item: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        output.key("items")
        output.beginArray()
        for item in items { try item.encodeJSON(to: &output) }
        output.endArray()
        output.key("nextCursor")
        output.string(nextCursor)
        output.endObject()
    }
}
