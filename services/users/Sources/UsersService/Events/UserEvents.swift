import Foundation
import InkwellCore
import InkwellEvents
import InkwellServiceKit

/// The user events of EVENTS.md. Key and subject: the user id; `version`: the user row's version
/// after the change. No email address (or any other secret) ever travels.
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

    struct Verified: Codable, Sendable, Equatable {
        @LowercaseUUID var userId: UUID
        var version: Int64
    }

    struct Updated: Codable, Sendable, Equatable {
        @LowercaseUUID var userId: UUID
        var username: String
        var displayName: String
        var bio: String
        var version: Int64
    }

    struct RolesChanged: Codable, Sendable, Equatable {
        @LowercaseUUID var userId: UUID
        var roles: [String]
        var version: Int64
    }

    struct Deleted: Codable, Sendable, Equatable {
        @LowercaseUUID var userId: UUID
        var version: Int64
    }

    static func registered(_ user: User, traceparent: String?) -> CloudEvent<Registered> {
        event("registered", user, traceparent, Registered(userId: user.id, username: user.username, displayName: user.displayName, createdAt: user.createdAt, version: user.version))
    }

    static func verified(_ user: User, traceparent: String?) -> CloudEvent<Verified> {
        event("verified", user, traceparent, Verified(userId: user.id, version: user.version))
    }

    static func updated(_ user: User, traceparent: String?) -> CloudEvent<Updated> {
        event("updated", user, traceparent, Updated(userId: user.id, username: user.username, displayName: user.displayName, bio: user.bio, version: user.version))
    }

    static func rolesChanged(_ user: User, traceparent: String?) -> CloudEvent<RolesChanged> {
        event("roles_changed", user, traceparent, RolesChanged(userId: user.id, roles: user.roles, version: user.version))
    }

    static func deleted(_ user: User, traceparent: String?) -> CloudEvent<Deleted> {
        event("deleted", user, traceparent, Deleted(userId: user.id, version: user.version))
    }

    static func event<Payload: Codable & Sendable>(_ name: String, _ user: User, _ traceparent: String?, _ data: Payload) -> CloudEvent<Payload> {
        CloudEvent(
            id: UUIDv7.generate(), source: source, type: "inkwell.users.user.\(name).v1",
            subject: user.id.uuidString.lowercased(), time: Date(), traceparent: traceparent, data: data
        )
    }
}
