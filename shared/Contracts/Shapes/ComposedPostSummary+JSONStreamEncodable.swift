import InkwellCore

/// The composed summary's JSON by hand (see ``JSONStreamEncodable`` for why): the summary's
/// members, then `author` and `commentCount`, as its `Encodable` conformance writes them.
extension ComposedPostSummary: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) {
        output.beginObject()
        summary.encodeMembers(to: &output)
        output.key("author")
        PublicUser.encodeJSON(author, to: &output)
        output.key("commentCount")
        if let commentCount { output.integer(Int64(commentCount)) } else { output.null() }
        output.endObject()
    }
}
