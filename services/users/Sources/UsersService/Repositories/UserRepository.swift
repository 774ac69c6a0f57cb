import Foundation

/// Storage of accounts. Every change that other services must learn about writes its event in
/// the same transaction (the outbox), so callers never publish by hand.
public protocol UserRepository: Sendable {
    /// Creates the account and its `user.registered` event; a taken username or email throws a
    /// unique violation naming `users_username_key` or `users_email_key`.
    func register(_ user: User, traceparent: String?) async throws
    /// The account with that (lower-case) username, erased ones included.
    func find(username: String) async throws -> User?
}
