import HTTPTypes

extension HTTPField.Name {
    /// The id of the post a comments service thread answer belongs to (an empty page shows
    /// none): what the gateway's response cache tags that answer with, so that the post's next
    /// comment event drops it.
    public static let inkwellPostId = Self("X-Inkwell-Post-Id")!
}
