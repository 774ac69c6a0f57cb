import Foundation
import InkwellAuth

/// Who may change a comment: its author edits it; its author, a moderator or an admin deletes it.
public enum CommentAccess {
    public static func mayEdit(_ user: AuthenticatedUser, authorId: UUID?) -> Bool {
        authorId == user.id
    }

    public static func mayDelete(_ user: AuthenticatedUser, authorId: UUID?) -> Bool {
        authorId == user.id || isModerator(user)
    }

    /// `moderator` or `admin` (which implies every role).
    public static func isModerator(_ user: AuthenticatedUser) -> Bool {
        user.has(role: Role.moderator.rawValue)
    }
}
