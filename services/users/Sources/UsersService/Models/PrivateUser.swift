import Foundation
import InkwellCore
import InkwellEvents

/// The caller's own account (or an admin's view): the public user plus `email`, `emailVerified`, `roles`.
public struct PrivateUser: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var username: String
    public var displayName: String
    public var bio: String
    public var createdAt: Date
    public var email: String?
    public var emailVerified: Bool
    public var roles: [String]

    public init(_ user: User) {
        id = user.id
        username = user.username
        displayName = user.displayName
        bio = user.bio
        createdAt = user.createdAt
        email = user.email
        emailVerified = user.emailVerified
        roles = user.roles
    }
}
