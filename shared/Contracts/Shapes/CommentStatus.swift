/// A comment's moderation state.
public enum CommentStatus: String, Codable, Sendable, CaseIterable {
    case approved, pending, rejected, spam
}
