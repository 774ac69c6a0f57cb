import InkwellCore

/// The feed cursor's payload by hand: every page but the last encodes one, and the generic
/// `Encodable` path showed in the feed's profile. The same bytes as `Encodable`, which writes
/// `uuidString` (upper case): cursors already issued stay the same strings.
extension PostFeedPosition: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) {
        output.beginObject()
        output.key("at")
        output.integer(at)
        output.key("id")
        output.string(id.uuidString)
        output.endObject()
    }
}
