/// The result of ``UserRepository/setRoles(username:roles:)``.
public enum RolesChange: Sendable, Equatable {
    /// The account with its roles now (unchanged when they were already these).
    case changed(User)
    /// No live account of that name.
    case notFound
    /// The change would take `admin` from the only admin.
    case lastAdmin
}
