import InkwellCore

/// The composed post's JSON by hand (see ``JSONStreamEncodable`` for why): the post's members,
/// then `author`, `commentCount` and `comments`, as its `Encodable` conformance writes them.
extension ComposedPost: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        post.encodeMembers(to: &output)
        output.key("author")
        PublicUser.encodeJSON(author, to: &output)
        output.key("commentCount")
        if let commentCount { output.integer(Int64(commentCount)) } else { output.null() }
        output.key("comments")
        try comments.encodeJSON(to: &output)
        output.endObject()
    }
}
