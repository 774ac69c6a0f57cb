import Foundation
import InkwellEvents
import InkwellServiceKit

/// The user events of EVENTS.md. Key and subject: the user id. No email address ever travels.
enum UserEvents {
    static let source = "inkwell/users"
    static let topic = "users.events"

    struct Registered: Codable, Sendable, Equatable {
        @LowercaseUUID var userId: UUID
        var username: String
        var displayName: String
        var createdAt: Date
        var version: Int64
    }

    static func registered(_ user: User, traceparent: String?) -> CloudEvent<Registered> {
        CloudEvent(
            id: UUIDv7.generate(), source: source, type: "inkwell.users.user.registered.v1",
            subject: user.id.uuidString.lowercased(), time: Date(), traceparent: traceparent,
            data: Registered(userId: user.id, username: user.username, displayName: user.displayName, createdAt: user.createdAt, version: user.version)
        )
    }
}
