import Foundation

/// The texts of the two emails the service sends. Kept as Swift strings (two small templates do
/// not need a template engine); every piece of user text in the HTML part goes through
/// ``escapeHTML(_:)``.
public enum MailTemplates {
    public struct Content: Sendable, Equatable {
        public var subject: String
        public var text: String
        public var html: String
    }

    public static func verification(displayName: String, link: String) -> Content {
        let name = MailHeader.sanitized(displayName)
        return Content(
            subject: "Confirm your email address for Inkwell",
            text: """
                Hello \(name),

                please confirm your email address by opening this link within 48 hours:

                \(link)

                If you did not create an Inkwell account, ignore this email.
                """,
            html: page(title: "Confirm your email address", body: """
                <p>Hello \(escapeHTML(name)),</p>
                <p>please confirm your email address within 48 hours:</p>
                <p><a href="\(escapeHTML(link))">Confirm my email address</a></p>
                <p>If the button does not work, copy this link into your browser:<br>\(escapeHTML(link))</p>
                <p>If you did not create an Inkwell account, ignore this email.</p>
                """)
        )
    }

    public static func passwordReset(displayName: String, link: String) -> Content {
        let name = MailHeader.sanitized(displayName)
        return Content(
            subject: "Reset your Inkwell password",
            text: """
                Hello \(name),

                someone asked to reset the password of your Inkwell account. To choose a new
                password, open this link within one hour:

                \(link)

                If it was not you, ignore this email; your password stays as it is.
                """,
            html: page(title: "Reset your password", body: """
                <p>Hello \(escapeHTML(name)),</p>
                <p>someone asked to reset the password of your Inkwell account. To choose a new password, open this link within one hour:</p>
                <p><a href="\(escapeHTML(link))">Choose a new password</a></p>
                <p>If the button does not work, copy this link into your browser:<br>\(escapeHTML(link))</p>
                <p>If it was not you, ignore this email; your password stays as it is.</p>
                """)
        )
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>\(escapeHTML(title))</title></head>
        <body style="font-family: sans-serif; line-height: 1.5;">
        \(body)
        </body>
        </html>
        """
    }

    /// Escapes the five characters that matter in HTML text and attribute values.
    public static func escapeHTML(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
