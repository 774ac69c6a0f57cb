import InkwellCore

/// A page of hand-encoded items by hand too (see ``JSONStreamEncodable`` for why); the same bytes
/// as its `Encodable` conformance.
extension Page: JSONStreamEncodable where Item: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        output.key("items")
        try output.array(items)
        output.key("nextCursor")
        output.string(nextCursor)
        output.endObject()
    }
}
