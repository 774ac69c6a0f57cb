import Foundation
import InkwellCore

/// `inkwell.users.user.updated.v1`: the public profile after the change.
public struct UserUpdated: InkwellEvent, Equatable {
    public static let type = "inkwell.users.user.updated.v1"
    public static let topic = EventTopic.users
    @LowercaseUUID public var userId: UUID
    public var username: String
    public var displayName: String
    public var bio: String
    public var version: Int64
    public var key: String { userId.lowercased }
    public var subject: String { userId.lowercased }

    public init(userId: UUID, username: String, displayName: String, bio: String, version: Int64) {
        self.userId = userId
        self.username = username
        self.displayName = displayName
        self.bio = bio
        self.version = version
    }
}
