import InkwellCore

/// The summary's response JSON by hand (see ``JSONStreamEncodable`` for why); the same bytes as
/// its `Encodable` conformance, members in declaration order.
extension PostSummary: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
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
        output.endObject()
    }
}
