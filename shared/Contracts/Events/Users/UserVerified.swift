import Foundation
import InkwellCore

/// `inkwell.users.user.verified.v1`.
public struct UserVerified: InkwellEvent, Equatable {
    public static let type = "inkwell.users.user.verified.v1"
    public static let topic = EventTopic.users
    @LowercaseUUID public var userId: UUID
    public var version: Int64
    public var key: String { userId.lowercased }
    public var subject: String { userId.lowercased }

    public init(userId: UUID, version: Int64) {
        self.userId = userId
        self.version = version
    }
}
