import Foundation
import InkwellCore
import InkwellEvents

/// What anyone may see of an account: `{id, username, displayName, bio, createdAt}`.
public struct PublicUser: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var username: String
    public var displayName: String
    public var bio: String
    public var createdAt: Date

    public init(_ user: User) {
        id = user.id
        username = user.username
        displayName = user.displayName
        bio = user.bio
        createdAt = user.createdAt
    }
}
