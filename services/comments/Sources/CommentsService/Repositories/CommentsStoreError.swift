/// The comments schema answered something it should never answer.
public enum CommentsStoreError: Error, Sendable, Equatable {
    /// A statement that must return a row returned none (what it was).
    case missingRow(String)
    /// A `status` outside the column's CHECK.
    case unknownStatus(String)
}
