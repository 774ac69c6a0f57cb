import Foundation

/// A mail claimed from the `mail_outbox` for one delivery attempt: what to send and to whom,
/// never its text (the link token is minted when it is sent).
public struct PendingMail: Sendable, Equatable {
    public var id: Int64
    public var kind: EmailToken.Purpose
    public var userId: UUID
    /// The address the mail was queued for.
    public var recipient: String
    /// Delivery attempts so far, this one included.
    public var attempts: Int
    /// The account as it is now: nil when erased (the mail is then dropped).
    public var account: User?

    public init(id: Int64, kind: EmailToken.Purpose, userId: UUID, recipient: String, attempts: Int, account: User?) {
        self.id = id
        self.kind = kind
        self.userId = userId
        self.recipient = recipient
        self.attempts = attempts
        self.account = account
    }
}
