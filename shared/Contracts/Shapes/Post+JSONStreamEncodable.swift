import InkwellCore

/// The post's response JSON by hand (see ``JSONStreamEncodable`` for why); the same bytes as its
/// `Encodable` conformance, members in declaration order.
extension Post: JSONStreamEncodable {
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
        output.key("bodyMarkdown")
        output.string(bodyMarkdown)
        output.key("bodyHtml")
        output.string(bodyHtml)
        output.key("status")
        output.string(status.rawValue)
        output.key("publishedAt")
        output.date(publishedAt)
        output.key("publishAt")
        output.date(publishAt)
        output.key("createdAt")
        output.date(createdAt)
        output.key("updatedAt")
        output.date(updatedAt)
        output.key("authorId")
        output.uuid(authorId)
        output.key("tags")
        TagRef.encodeJSON(tags, to: &output)
        output.key("coverImageUrl")
        output.string(coverImageUrl)
        output.key("version")
        output.integer(version)
    }
}
