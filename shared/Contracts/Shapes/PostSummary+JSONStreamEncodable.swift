import InkwellCore

/// The summary's response JSON by hand (see ``JSONStreamEncodable`` for why); the same bytes as
/// its `Encodable` conformance, members in declaration order.
extension PostSummary: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        encodeMembers(to: &output)
        output.endObject()
    }

    /// The members without the braces: composed shapes put theirs after them in one object.
    public func encodeMembers(to output: inout JSONOutput) {
        output.key("id")
        output.uuid(id)
        output.key("slug")
        output.string(slug)
        output.key("title")
        output.string(title)
        output.key("excerpt")
        output.string(excerpt)
        output.key("publishedAt")
        output.date(publishedAt)
        output.key("authorId")
        output.uuid(authorId)
        output.key("tags")
        TagRef.encodeJSON(tags, to: &output)
        output.key("coverImageUrl")
        output.string(coverImageUrl)
    }
}
