import Foundation

/// The `mail_outbox` as the ``MailSender`` sees it. Mail is enqueued by the repositories, in the
/// transaction of the change that causes it.
public protocol MailQueue: Sendable {
    /// Leases up to `limit` due messages for `lease` (so other replicas skip them meanwhile) and
    /// counts the attempt.
    func claim(limit: Int, lease: Duration) async throws -> [QueuedMail]
    /// Marks a message delivered and forgets its body (it may hold a link token).
    func markSent(id: Int64) async throws
    /// Records a failed attempt; the message is due again after `retryIn`.
    func markFailed(id: Int64, error: String, retryIn: Duration) async throws
}
