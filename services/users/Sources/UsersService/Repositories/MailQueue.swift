import Foundation

/// The `mail_outbox` as the ``MailSender`` sees it. Mail is enqueued by the repositories, in the
/// transaction of the change that causes it, as a kind, an account and an address only.
public protocol MailQueue: Sendable {
    /// Leases up to `limit` due messages for `lease` (so other replicas skip them meanwhile) and
    /// counts the attempt.
    func claim(limit: Int, lease: Duration) async throws -> [PendingMail]
    /// Stores the hash of the token that `mail` will carry (one short transaction, before the
    /// mail leaves): the unused token of an earlier attempt of the same mail is removed.
    func storeToken(_ token: EmailToken, for mail: PendingMail) async throws
    /// Marks a message delivered.
    func markSent(id: Int64) async throws
    /// Gives a message up (account erased, address unusable, nothing to send): never retried.
    func markDropped(id: Int64, reason: String) async throws
    /// Records a failed attempt; the message is due again after `retryIn`.
    func markFailed(id: Int64, error: String, retryIn: Duration) async throws
}
