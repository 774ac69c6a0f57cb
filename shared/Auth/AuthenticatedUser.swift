import Foundation

/// The caller of a request, as proven by a verified access token.
public struct AuthenticatedUser: Sendable, Equatable {
    /// The user id (`sub`).
    public let id: UUID
    public let username: String
    public let roles: Set<String>
    public let emailVerified: Bool

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
