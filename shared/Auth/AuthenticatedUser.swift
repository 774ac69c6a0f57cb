import Foundation

/// The caller of a request, as proven by a verified access token.
public struct AuthenticatedUser: Sendable, Equatable {
    /// The user id (`sub`).
    public let id: UUID
    /// The lower-case username.
    public let username: String
    /// Roles as issued; use ``has(role:)`` for checks.
    public let roles: Set<String>
    /// Posts and comments need a verified email (403 otherwise).
    public let emailVerified: Bool

    /// Builds a user by hand (for tests, or internal calls that act on behalf of a known user).
    public init(id: UUID, username: String, roles: Set<String>, emailVerified: Bool) {
        self.id = id
        self.username = username
        self.roles = roles
        self.emailVerified = emailVerified
    }

    /// Whether the user holds `role`. `admin` implies every role.
    public func has(role: String) -> Bool {
        roles.contains(role) || roles.contains("admin")
    }
}
