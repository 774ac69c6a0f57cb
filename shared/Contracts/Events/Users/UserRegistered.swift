import Foundation
import InkwellCore

/// `inkwell.users.user.registered.v1`. Key and subject: the user id. Never an email address.
public struct UserRegistered: InkwellEvent, Equatable {
    public static let type = "inkwell.users.user.registered.v1"
    public static let topic = EventTopic.users
    @LowercaseUUID public var userId: UUID
    public var username: String
    public var displayName: String
    public var createdAt: Date
    public var version: Int64
    public var key: String { userId.lowercased }
    public var subject: String { userId.lowercased }

    public init(userId: UUID, username: String, displayName: String, createdAt: Date, version: Int64) {
        self.userId = userId
        self.username = username
        self.displayName = displayName
        self.createdAt = createdAt
        self.version = version
    }
}
