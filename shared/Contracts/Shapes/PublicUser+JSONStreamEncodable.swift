import InkwellCore

/// The public user's JSON by hand (see ``JSONStreamEncodable`` for why); the same bytes as its
/// `Encodable` conformance, members in declaration order.
extension PublicUser: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) {
        output.beginObject()
        encodeMembers(to: &output)
        output.endObject()
    }

    /// The members without the braces: a profile puts `recentPosts` after them in one object.
    public func encodeMembers(to output: inout JSONOutput) {
        output.key("id")
        output.uuid(id)
        output.key("username")
        output.string(username)
        output.key("displayName")
        output.string(displayName)
        output.key("bio")
        output.string(bio)
        output.key("createdAt")
        output.date(createdAt)
    }

    /// The user, or `null` (an erased author, or no answer from the users service).
    static func encodeJSON(_ user: PublicUser?, to output: inout JSONOutput) {
        if let user { user.encodeJSON(to: &output) } else { output.null() }
    }
}
