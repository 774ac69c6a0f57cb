import InkwellCore

/// The profile's JSON by hand (see ``JSONStreamEncodable`` for why): the user's members, then
/// `recentPosts`, as its `Encodable` conformance writes them.
extension PublicProfile: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        user.encodeMembers(to: &output)
        output.key("recentPosts")
        output.beginArray()
        for post in recentPosts { try post.encodeJSON(to: &output) }
        output.endArray()
        output.endObject()
    }
}
