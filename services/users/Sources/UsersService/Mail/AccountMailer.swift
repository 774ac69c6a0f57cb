import Foundation

/// Composes the account emails: verification and password reset, with links to the reading site.
public struct AccountMailer: Sendable {
    public let from: MailAddress
    public let publicBaseURL: String

    public init(from: MailAddress, publicBaseURL: String) {
        self.from = from
        self.publicBaseURL = publicBaseURL
    }

    /// The mail of `purpose` to `address`, carrying `secret` in its link.
    public func mail(_ purpose: EmailToken.Purpose, to user: User, address: String, secret: String) -> OutgoingMail {
        let link = EmailToken.link(baseURL: publicBaseURL, purpose: purpose, secret: secret)
        let content = switch purpose {
        case .verifyEmail: MailTemplates.verification(displayName: user.displayName, link: link)
        case .resetPassword: MailTemplates.passwordReset(displayName: user.displayName, link: link)
        }
        return OutgoingMail(from: from, to: MailAddress(name: user.displayName, address: address), subject: content.subject, text: content.text, html: content.html)
    }
}
