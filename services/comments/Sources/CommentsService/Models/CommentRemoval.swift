/// What deleting a comment does: one with replies stays as a tombstone (`deleted: true`,
/// `body: ""`) so the thread keeps its shape; one without disappears.
public enum CommentRemoval: Sendable, Equatable {
    case tombstone
    case remove

    public init(hasReplies: Bool) {
        self = hasReplies ? .tombstone : .remove
    }
}
