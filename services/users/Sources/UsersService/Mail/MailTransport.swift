/// Delivers one rendered message: over SMTP, or into a directory.
public protocol MailTransport: Sendable {
    func deliver(_ mail: QueuedMail) async throws
}
