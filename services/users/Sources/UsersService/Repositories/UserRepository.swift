import Foundation
import InkwellContracts

/// Storage of accounts. Every change that other services must learn about writes its event in
/// the same transaction (the outbox), and every mail it causes into the mail outbox, so callers
/// never publish or send by hand.
public protocol UserRepository: Sendable {
    /// Creates the account, queues its verification mail (the token is minted when it is sent)
    /// and the `user.registered` event; a taken username or email throws a ``ConflictError``
    /// naming `username` or `email`.
    func register(_ user: User) async throws
    /// The account with that (lower-case) username, erased ones included.
    func find(username: String) async throws -> User?
    /// The account with that id, erased ones included.
    func find(id: UUID) async throws -> User?
    /// The live account whose username or email equals `login` (lower case).
    func find(login: String) async throws -> User?
    /// What anyone may see of the live accounts with these ids, by id (erased ones are left out).
    func users(ids: [UUID]) async throws -> [PublicUser]
    /// Consumes an unused, unexpired verification token and marks the email verified
    /// (`user.verified`); nil for an unknown, used or expired token. When the address is
    /// `bootstrapAdminEmail` and no account ever got its grant, the account gets every role
    /// (`user.roles_changed`) in the same transaction.
    func verifyEmail(tokenHash: String, now: Date, bootstrapAdminEmail: String?) async throws -> User?
    /// Queues a reset mail for the live account `userId` with address `email`, unless the
    /// address got `maxPerHour` reset mails in the last hour (race-safe); true when queued.
    func requestPasswordReset(userId: UUID, email: String, maxPerHour: Int) async throws -> Bool
    /// Consumes an unused, unexpired reset token, sets the new password hash, revokes every
    /// refresh token of the account and clears its failed logins; false for a bad token.
    func resetPassword(tokenHash: String, passwordHash: String, now: Date) async throws -> Bool
    /// Replaces the hash (after a login with a hash of weaker parameters).
    func updatePasswordHash(id: UUID, passwordHash: String) async throws
    /// Changes the given fields (`user.updated`, version + 1); nil when the account is gone.
    func updateProfile(id: UUID, displayName: String?, bio: String?) async throws -> User?
    /// Sets the roles (`user.roles_changed`, version + 1, only when they change); refuses to take
    /// `admin` from the last admin (serialised, so concurrent demotions cannot reach zero).
    func setRoles(username: String, roles: [String]) async throws -> RolesChange
    /// Erases the account: personal data removed, every token revoked, username kept reserved
    /// (`user.deleted`); refuses to erase the last admin (serialised with role changes, so
    /// concurrent erasures and demotions cannot reach zero admins).
    func erase(id: UUID) async throws -> AccountErasure
}
