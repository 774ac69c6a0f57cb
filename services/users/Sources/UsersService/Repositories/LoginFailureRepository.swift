import Foundation

/// Failed logins per account, in the database so that the limit holds across replicas.
public protocol LoginFailureRepository: Sendable {
    /// Failure times of the account since `since`.
    func failures(userId: UUID, since: Date) async throws -> [Date]
    func record(userId: UUID, at: Date) async throws
    /// Forgets the account's failures (after a successful login).
    func clear(userId: UUID) async throws
}
