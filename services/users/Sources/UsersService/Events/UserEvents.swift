import Foundation
import InkwellContracts

/// The user events of EVENTS.md (types in InkwellContracts) made from a user row. Key and subject:
/// the user id; `version`: the row's version after the change. No email address ever travels.
enum UserEvents {
    static let topic = EventTopic.users.rawValue

    static func registered(_ user: User, traceparent: String?) -> CloudEvent<UserRegistered> {
        CloudEvent(UserRegistered(userId: user.id, username: user.username, displayName: user.displayName, createdAt: user.createdAt, version: user.version), traceparent: traceparent)
    }

    static func verified(_ user: User, traceparent: String?) -> CloudEvent<UserVerified> {
        CloudEvent(UserVerified(userId: user.id, version: user.version), traceparent: traceparent)
    }

    static func updated(_ user: User, traceparent: String?) -> CloudEvent<UserUpdated> {
        CloudEvent(UserUpdated(userId: user.id, username: user.username, displayName: user.displayName, bio: user.bio, version: user.version), traceparent: traceparent)
    }

    static func rolesChanged(_ user: User, traceparent: String?) -> CloudEvent<UserRolesChanged> {
        CloudEvent(UserRolesChanged(userId: user.id, roles: user.roles, version: user.version), traceparent: traceparent)
    }

    static func deleted(_ user: User, traceparent: String?) -> CloudEvent<UserDeleted> {
        CloudEvent(UserDeleted(userId: user.id, version: user.version), traceparent: traceparent)
    }
}
