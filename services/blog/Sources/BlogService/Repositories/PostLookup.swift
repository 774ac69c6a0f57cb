import InkwellContracts

/// The answer to a slug: the post that has it now, the post that had it before (a 301 to its
/// current slug), or nothing.
public enum PostLookup: Sendable, Equatable {
    case current(Post)
    case moved(Post)
    case none
}
