import Foundation
import InkwellCore
import InkwellServiceKit

/// Issues token pairs: an access token from the ``KeyRing`` and a refresh token (30 days,
/// rotating, stored as a hash) in a family that starts at login.
public struct SessionIssuer: Sendable {
    public static let refreshLifetime: TimeInterval = 30 * 24 * 3600

    let keyRing: KeyRing
    let refreshTokens: any RefreshTokenRepository

    public init(keyRing: KeyRing, refreshTokens: any RefreshTokenRepository) {
        self.keyRing = keyRing
        self.refreshTokens = refreshTokens
    }

    /// A new session (family) for a successful login.
    public func startSession(for user: User, now: Date = Date()) async throws -> TokenPair {
        let issuer = try keyRing.issuer()
        let refresh = OpaqueToken.generate()
        try await refreshTokens.create(hash: OpaqueToken.hash(refresh), familyId: UUIDv7.generate(at: now), userId: user.id, expiresAt: now.addingTimeInterval(Self.refreshLifetime))
        let access = try await issuer.issue(userId: user.id, username: user.username, roles: user.roles, emailVerified: user.emailVerified, now: now)
        return TokenPair(accessToken: access.token, expiresIn: access.expiresIn, refreshToken: refresh, user: PrivateUser(user))
    }

    /// Rotates a presented refresh token; the caller loads the account for ``pair(for:refreshToken:)``.
    public func rotate(_ presented: String, now: Date = Date()) async throws -> (outcome: RefreshOutcome, successor: String) {
        let successor = OpaqueToken.generate()
        guard OpaqueToken.isWellFormed(presented) else { return (.rejected, successor) }
        let outcome = try await refreshTokens.rotate(
            presentedHash: OpaqueToken.hash(presented), successorHash: OpaqueToken.hash(successor), now: now, expiresAt: now.addingTimeInterval(Self.refreshLifetime)
        )
        return (outcome, successor)
    }

    /// A pair of a fresh access token and an already stored refresh token.
    public func pair(for user: User, refreshToken: String, now: Date = Date()) async throws -> TokenPair {
        let access = try await keyRing.issuer().issue(userId: user.id, username: user.username, roles: user.roles, emailVerified: user.emailVerified, now: now)
        return TokenPair(accessToken: access.token, expiresIn: access.expiresIn, refreshToken: refreshToken, user: PrivateUser(user))
    }
}
