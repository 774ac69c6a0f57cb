/// A mail for ``HTTPClient/sendMail(_:smtpURL:timeout:)``.
public struct MailMessage: Sendable {
    /// The envelope sender (`MAIL FROM`), a bare address such as `noreply@inkwell.test`.
    public var from: String
    /// The envelope recipients (`RCPT TO`), bare addresses; at least one.
    public var recipients: [String]
    /// The complete RFC 5322 message (headers, blank line, body) with CRLF line ends.
    /// Lines starting with `.` are escaped by libcurl.
    public var data: [UInt8]

    public init(from: String, recipients: [String], data: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.data = data
    }
}
