/// What applying an event came to.
public enum ApplyOutcome: Sendable, Equatable {
    /// The handlers ran and their effect is committed.
    case applied
    /// The event had been applied before (inbox): nothing ran.
    case duplicate
    /// The event is not newer than what was applied for its aggregate: nothing ran.
    case stale
}
