/// One rendered message for one delivery attempt, handed to the ``MailTransport``. Lives only in
/// memory (its text holds a link token); never stored.
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
