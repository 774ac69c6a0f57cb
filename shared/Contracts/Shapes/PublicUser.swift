import Foundation
import InkwellCore

/// What anyone may see of an account (API.md): `{id, username, displayName, bio, createdAt}`.
public struct PublicUser: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var username: String
    public var displayName: String
    public var bio: String
    public var createdAt: Date

    public init(id: UUID, username: String, displayName: String, bio: String, createdAt: Date) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.bio = bio
        self.createdAt = createdAt
    }
}
