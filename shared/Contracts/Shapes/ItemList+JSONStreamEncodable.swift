import InkwellCore

/// A list of hand-encoded items by hand too (see ``JSONStreamEncodable`` for why): the internal
/// batch reads answer with one; the same bytes as its `Encodable` conformance.
extension ItemList: JSONStreamEncodable where Item: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        output.key("items")
        try output.array(items)
        output.endObject()
    }
}
