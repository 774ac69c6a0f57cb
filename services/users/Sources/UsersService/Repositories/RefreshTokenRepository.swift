import Foundation

/// Rotating refresh tokens, stored as hashes, grouped in families (one per login).
public protocol RefreshTokenRepository: Sendable {
    /// Starts a family (a login) with its first token.
    func create(hash: String, familyId: UUID, userId: UUID, expiresAt: Date) async throws
    /// Applies ``RefreshDecision`` to the presented token in one transaction: on `.rotate` marks
    /// it rotated and stores `successorHash` in its family; on `.reuseDetected` revokes the family.
    func rotate(presentedHash: String, successorHash: String, now: Date, expiresAt: Date) async throws -> RefreshOutcome
    /// Revokes the family of the presented token (logout); false when the token is unknown.
    func revokeFamily(containing hash: String, now: Date) async throws -> Bool
}

/// The result of presenting a refresh token.
public enum RefreshOutcome: Sendable, Equatable {
    case rotated(userId: UUID)
    case reuseDetected(userId: UUID)
    case rejected
}
