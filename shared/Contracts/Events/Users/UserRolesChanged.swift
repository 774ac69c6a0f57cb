import Foundation
import InkwellCore

/// `inkwell.users.user.roles_changed.v1`.
public struct UserRolesChanged: InkwellEvent, Equatable {
    public static let type = "inkwell.users.user.roles_changed.v1"
    public static let topic = EventTopic.users
    @LowercaseUUID public var userId: UUID
    public var roles: [String]
    public var version: Int64
    public var key: String { userId.lowercased }
    public var subject: String { userId.lowercased }

    public init(userId: UUID, roles: [String], version: Int64) {
        self.userId = userId
        self.roles = roles
        self.version = version
    }
}
