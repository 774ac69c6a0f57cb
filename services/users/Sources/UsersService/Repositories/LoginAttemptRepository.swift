import Foundation

/// Login attempts per account, in the database so that the limit holds across replicas.
public protocol LoginAttemptRepository: Sendable {
    /// Applies ``LoginThrottle/reserve(_:now:)`` atomically (one statement under the account
    /// row's lock): `.check` means this attempt is counted and its password may be hashed.
    func reserve(userId: UUID, now: Date, throttle: LoginThrottle) async throws -> LoginThrottle.Decision
    /// Applies ``LoginThrottle/fail(_:now:)`` after a reserved check failed.
    func recordFailure(userId: UUID, now: Date, throttle: LoginThrottle) async throws
    /// Forgets the account's attempts and lockout (after a successful login).
    func clear(userId: UUID) async throws
}
