import InkwellHTTPClient

/// Sends through an SMTP server (`SMTP_URL`) with the shared libcurl client.
public struct SMTPMailTransport: MailTransport {
    let http: HTTPClient
    let url: String

    public init(http: HTTPClient, url: String) {
        self.http = http
        self.url = url
    }

    public func deliver(_ mail: QueuedMail) async throws {
        try await http.sendMail(MailMessage(from: mail.sender, recipients: [mail.recipient], data: Array(mail.message.utf8)), smtpURL: url, timeout: .seconds(15))
    }
}
