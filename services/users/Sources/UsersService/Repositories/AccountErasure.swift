/// The result of ``UserRepository/erase(id:)``.
public enum AccountErasure: Sendable, Equatable {
    /// The account as it is now: erased.
    case erased(User)
    /// No live account with that id (never existed, or erased already).
    case notFound
    /// The account is the only admin: erasing it would leave no admin, so it is kept as it is.
    case lastAdmin
}
