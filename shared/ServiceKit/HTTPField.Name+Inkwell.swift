import HTTPTypes

extension HTTPField.Name {
    /// The id of the post a comments service thread answer belongs to (an empty page shows
    /// none): what the gateway's response cache tags that answer with, so that the post's next
    /// comment event drops it.
    public static let inkwellPostId = Self("X-Inkwell-Post-Id")!
    /// The post's count of approved, not deleted comments (what `/internal/v1/comment-counts`
    /// answers for it), on a comments service thread answer: the gateway's composed post read
    /// takes its `commentCount` from here instead of asking for it in a second call.
    public static let inkwellCommentCount = Self("X-Inkwell-Comment-Count")!
}
