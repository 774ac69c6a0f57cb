/// A mail claimed from the `mail_outbox` for one delivery attempt.
public struct QueuedMail: Sendable, Equatable {
    public var id: Int64
    /// Envelope sender (a plain address).
    public var sender: String
    /// Envelope recipient (a plain address).
    public var recipient: String
    /// The whole RFC 5322 message.
    public var message: String
    /// Delivery attempts so far, this one included.
    public var attempts: Int
}
