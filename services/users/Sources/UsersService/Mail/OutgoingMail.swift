import Foundation

/// One email, rendered as an RFC 5322 message: `multipart/alternative` with a plain-text and an
/// HTML part (each UTF-8, base64 so that no line is too long and any character survives),
/// CRLF line ends, and Date, Message-ID, MIME-Version, Subject, From and To headers.
public struct OutgoingMail: Sendable, Equatable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var text: String
    public var html: String

    public init(from: MailAddress, to: MailAddress, subject: String, text: String, html: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
    }

    /// The message as sent over SMTP or written as an `.eml` file; throws for an address that is
    /// not plain (it would add recipients or headers).
    public func rendered(date: Date = Date(), messageId: String = UUID().uuidString.lowercased(), boundary: String = "=_inkwell_" + UUID().uuidString.lowercased()) throws(MailRenderingError) -> String {
        let fromHeader = try from.header()
        let toHeader = try to.header()
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "inkwell.local"
        let lines = [
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageId)@\(domain)>",
            "From: \(fromHeader)",
            "To: \(toHeader)",
            "Subject: \(MailHeader.text(subject))",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "This is a multi-part message in MIME format.",
            "",
            "--\(boundary)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            Self.base64Lines(text),
            "--\(boundary)",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            Self.base64Lines(html),
            "--\(boundary)--",
            "",
        ]
        return lines.joined(separator: "\r\n")
    }

    /// Normalises line ends to CRLF, then base64 in lines of 76 characters.
    static func base64Lines(_ body: String) -> String {
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalized.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return encoded
    }

    /// `Thu, 21 Nov 2026 10:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
