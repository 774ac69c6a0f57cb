import Foundation
import Testing
@testable import UsersService

@Suite struct MailRenderingTests {
    let from = MailAddress(parsing: "Inkwell <no-reply@inkwell.local>")!

    func mail(name: String, subject: String = "Hello") -> OutgoingMail {
        OutgoingMail(from: from, to: MailAddress(name: name, address: "ada@example.org"), subject: subject, text: "line 1\nline 2", html: "<p>x</p>")
    }

    /// The header block, unfolded.
    func headers(_ rendered: String) -> [String: String] {
        let block = rendered.components(separatedBy: "\r\n\r\n")[0].replacingOccurrences(of: "\r\n ", with: " ")
        var result: [String: String] = [:]
        for line in block.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    @Test func hasTheRequiredHeadersAndCRLFLineEnds() {
        let rendered = mail(name: "Ada").renderedOrEmpty(date: Date(timeIntervalSince1970: 0), messageId: "m1", boundary: "b1")
        let h = headers(rendered)
        #expect(h["Date"] == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(h["Message-ID"] == "<m1@inkwell.local>")
        #expect(h["MIME-Version"] == "1.0")
        #expect(h["Content-Type"] == "multipart/alternative; boundary=\"b1\"")
        #expect(h["From"] == "\"Inkwell\" <no-reply@inkwell.local>")
        #expect(h["To"] == "\"Ada\" <ada@example.org>")
        #expect(h["Subject"] == "Hello")
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends with CRLF")
        #expect(rendered.contains("--b1\r\nContent-Type: text/plain; charset=utf-8"))
        #expect(rendered.contains("--b1\r\nContent-Type: text/html; charset=utf-8"))
        #expect(rendered.hasSuffix("--b1--\r\n"))
        #expect(rendered.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func headerInjectionThroughTheDisplayNameIsImpossible() {
        let rendered = mail(name: "Eve\r\nBcc: victim@example.org", subject: "Hi\r\nX-Evil: 1").renderedOrEmpty()
        let h = headers(rendered)
        #expect(h["Bcc"] == nil && h["X-Evil"] == nil)
        #expect(h["To"] == "\"EveBcc: victim@example.org\" <ada@example.org>")
    }

    @Test func unsafeAddressesAreNeverWrittenIntoAHeader() {
        for address in ["a>,<b@x.org", "a@x.org\r\nBcc: v@x.org", "a b@x.org", "\"a\"@x.org", "a,b@x.org", "a\u{0}@x.org"] {
            let mail = OutgoingMail(from: from, to: MailAddress(name: "Eve", address: address), subject: "Hi", text: "t", html: "h")
            #expect(throws: MailRenderingError.unsafeAddress) { try mail.rendered() }
        }
    }

    @Test func quotesAndBackslashesAreEscaped() throws {
        #expect(try MailAddress(name: "A \"B\" \\C", address: "a@b.c").header() == "\"A \\\"B\\\" \\\\C\" <a@b.c>")
    }

    @Test func nonASCIIIsEncodedAsRFC2047Words() {
        let name = "Zoë Łukasz 🚀" + String(repeating: "é", count: 40)
        let rendered = mail(name: name, subject: "Grüße").renderedOrEmpty()
        let h = headers(rendered)
        #expect(h["Subject"] == "=?UTF-8?B?\(Data("Grüße".utf8).base64EncodedString())?=")
        let to = h["To"]!
        #expect(to.hasSuffix(" <ada@example.org>"))
        let words = to.dropLast(" <ada@example.org>".count).split(separator: " ")
        #expect(words.count > 1)
        var decoded = Data()
        for word in words {
            #expect(word.count <= 75 && word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            decoded += Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!
        }
        #expect(String(decoding: decoded, as: UTF8.self) == name)
        #expect(rendered.allSatisfy { $0.isASCII })
    }

    @Test func bodiesAreBase64OfCRLFText() throws {
        let rendered = mail(name: "Ada").renderedOrEmpty(boundary: "b1")
        let part = rendered.components(separatedBy: "--b1\r\n")[1].components(separatedBy: "\r\n\r\n")[1]
        let data = try #require(Data(base64Encoded: part.replacingOccurrences(of: "\r\n", with: "")))
        #expect(String(decoding: data, as: UTF8.self) == "line 1\r\nline 2")
    }

    @Test func templatesEscapeUserTextInHTMLAndCarryTheLink() {
        let link = "https://inkwell.example/verify-email?token=abc_-123"
        let content = MailTemplates.verification(displayName: "<script>alert('x')</script> & co", link: link)
        #expect(!content.html.contains("<script>"))
        #expect(content.html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"))
        #expect(content.html.contains("href=\"\(link)\""))
        #expect(content.text.contains(link))
        let reset = MailTemplates.passwordReset(displayName: "Ada", link: "https://x/reset-password?token=t")
        #expect(reset.text.contains("https://x/reset-password?token=t"))
    }

    @Test func mailFromParsing() {
        #expect(MailAddress(parsing: "Inkwell <no-reply@inkwell.local>") == MailAddress(name: "Inkwell", address: "no-reply@inkwell.local"))
        #expect(MailAddress(parsing: "\"The Blog\" <blog@example.org>") == MailAddress(name: "The Blog", address: "blog@example.org"))
        #expect(MailAddress(parsing: "plain@example.org") == MailAddress(name: nil, address: "plain@example.org"))
        #expect(MailAddress(parsing: "no at sign") == nil)
        #expect(MailAddress(parsing: "x <a@b.c\r\nBcc: d@e.f>") == nil)
    }

    @Test func backoffGrowsAndIsCapped() {
        #expect(MailSender.backoff(afterAttempts: 1) == .seconds(1))
        #expect(MailSender.backoff(afterAttempts: 2) == .seconds(2))
        #expect(MailSender.backoff(afterAttempts: 5) == .seconds(16))
        #expect(MailSender.backoff(afterAttempts: 50) == .seconds(300))
    }
}

extension OutgoingMail {
    /// The rendering, or "" when it throws (the tests of this file use safe addresses).
    func renderedOrEmpty(date: Date = Date(), messageId: String = "m", boundary: String = "=_b") -> String {
        (try? rendered(date: date, messageId: messageId, boundary: boundary)) ?? ""
    }
}
