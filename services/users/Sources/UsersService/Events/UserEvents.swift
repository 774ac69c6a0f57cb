import Foundation
import InkwellContracts

/// The user events of EVENTS.md (types in InkwellContracts) made from a user row. Key and subject:
/// the user id; `version`: the row's version after the change. No email address ever travels.
/// Published with ``UnitOfWork/publish(_:)``, which adds id, time, topic and trace.
enum UserEvents {
    static func registered(_ user: User) -> UserRegistered {
        UserRegistered(userId: user.id, username: user.username, displayName: user.displayName, createdAt: user.createdAt, version: user.version)
    }

    static func verified(_ user: User) -> UserVerified {
        UserVerified(userId: user.id, version: user.version)
    }

    static func updated(_ user: User) -> UserUpdated {
        UserUpdated(userId: user.id, username: user.username, displayName: user.displayName, bio: user.bio, version: user.version)
    }

    static func rolesChanged(_ user: User) -> UserRolesChanged {
        UserRolesChanged(userId: user.id, roles: user.roles, version: user.version)
    }

    static func deleted(_ user: User) -> UserDeleted {
        UserDeleted(userId: user.id, version: user.version)
    }
}
