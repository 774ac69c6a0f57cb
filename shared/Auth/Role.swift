/// Roles of API.md: everyone is a `reader`, `author` writes posts, `moderator` moderates
/// comments, `admin` may do everything (``AuthenticatedUser/has(role:)``).
public enum Role: String, Codable, Sendable, CaseIterable {
    case reader, author, moderator, admin

    /// Roles in a stable order (as stored and published).
    public static func sorted(_ roles: some Sequence<Role>) -> [String] {
        let set = Set(roles)
        return allCases.filter(set.contains).map(\.rawValue)
    }
}
