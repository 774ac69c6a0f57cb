import InkwellContracts

/// `POST /api/v1/comments/{id}/approve`, `/reject`, `/spam`.
public enum ModerationAction: String, Sendable, CaseIterable {
    case approve, reject, spam

    /// The status the action sets.
    public var target: CommentStatus {
        switch self {
        case .approve: .approved
        case .reject: .rejected
        case .spam: .spam
        }
    }

    /// Whether acting on a comment now `current` changes it (and emits an event): the same
    /// action again is answered with the comment as it is, and no second event.
    public func changes(_ current: CommentStatus) -> Bool {
        current != target
    }
}
