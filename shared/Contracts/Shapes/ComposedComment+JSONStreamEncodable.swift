import InkwellCore

/// The composed comment's JSON by hand (see ``JSONStreamEncodable`` for why); the same bytes as
/// its synthesized `Encodable` conformance, members in declaration order, replies likewise.
extension ComposedComment: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) {
        output.beginObject()
        output.key("id")
        output.uuid(id)
        output.key("postId")
        output.uuid(postId)
        output.key("parentId")
        if let parentId { output.uuid(parentId.wrappedValue) } else { output.null() }
        output.key("authorId")
        output.uuid(authorId)
        output.key("author")
        PublicUser.encodeJSON(author, to: &output)
        output.key("body")
        output.string(body)
        output.key("status")
        output.string(status.rawValue)
        output.key("createdAt")
        output.date(createdAt)
        output.key("editedAt")
        output.date(editedAt)
        output.key("deleted")
        output.bool(deleted)
        output.key("replies")
        output.beginArray()
        for reply in replies { reply.encodeJSON(to: &output) }
        output.endArray()
        output.endObject()
    }
}
