import Foundation

/// What to do with a presented refresh token (the rotation rule of API.md), decided from its
/// stored row alone so the rule is testable without a database.
public enum RefreshDecision: Sendable, Equatable {
    /// Valid and current: mark it rotated and issue its successor in the same family.
    case rotate
    /// Already rotated: someone replays an old token, so it was stolen (or the legitimate client
    /// was). Revoke the whole family; both parties must sign in again.
    case reuseDetected
    /// Unknown, revoked or expired: 401, nothing else changes.
    case reject

    /// The stored facts of one refresh token.
    public struct Stored: Sendable, Equatable {
        public var expiresAt: Date
        public var rotatedAt: Date?
        public var revokedAt: Date?
        public init(expiresAt: Date, rotatedAt: Date?, revokedAt: Date?) {
            self.expiresAt = expiresAt
            self.rotatedAt = rotatedAt
            self.revokedAt = revokedAt
        }
    }

    public static func decide(_ stored: Stored?, now: Date) -> RefreshDecision {
        guard let stored else { return .reject }
        // A revoked family stays revoked; replaying its tokens changes nothing more.
        if stored.revokedAt != nil { return .reject }
        if stored.rotatedAt != nil { return .reuseDetected }
        if stored.expiresAt <= now { return .reject }
        return .rotate
    }
}
