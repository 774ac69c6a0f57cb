import Foundation
import InkwellHTTPClient
import TestSupport
import Testing

/// SMTP through libcurl against the test stack's aiosmtpd, which stores mail in a maildir.
@Suite struct HTTPClientMailTests {
    @Test func sentMailArrivesInTheMaildir() async throws {
        let smtpURL = try TestEnvironment.smtpURL()
        let mailDir = try TestEnvironment.mailDir()
        let token = UUID().uuidString
        let text = [
            "From: Inkwell <noreply@inkwell.test>",
            "To: reader@inkwell.test",
            "Subject: Welcome \(token)",
            "Message-ID: <\(token)@inkwell.test>",
            "",
            "Hello reader,",
            ".a line starting with a dot",
            "bye",
            "",
        ].joined(separator: "\r\n")
        try await TestClient.with { client in
            try await client.sendMail(
                MailMessage(from: "noreply@inkwell.test", recipients: ["reader@inkwell.test", "second@inkwell.test"], data: Array(text.utf8)),
                smtpURL: smtpURL
            )
        }
        let stored = try await poll("the mail with \(token) in \(mailDir)", timeout: .seconds(10)) { () -> String? in
            for sub in ["new", "cur"] {
                let dir = URL(fileURLWithPath: mailDir).appendingPathComponent(sub)
                for file in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
                    if let content = try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8), content.contains(token) {
                        return content
                    }
                }
            }
            return nil
        }
        #expect(stored.contains("Subject: Welcome \(token)"))
        #expect(stored.contains("\n.a line starting with a dot"))  // dot-stuffing undone by the server
        #expect(stored.contains("X-RcptTo: reader@inkwell.test, second@inkwell.test"))
    }

    @Test func mailToAClosedPortIsConnectionRefused() async throws {
        let port = freeLocalPort()
        try await TestClient.with { client in
            await TestClient.expectError(.connectionRefused) {
                try await client.sendMail(MailMessage(from: "a@b.test", recipients: ["c@d.test"], data: Array("Subject: x\r\n\r\nx\r\n".utf8)), smtpURL: "smtp://127.0.0.1:\(port)")
            }
        }
    }

    @Test func mailRejectsNonSMTPURLs() async throws {
        try await TestClient.with { client in
            await TestClient.expectError(.invalidURL) {
                try await client.sendMail(MailMessage(from: "a@b.test", recipients: ["c@d.test"], data: Array("Subject: x\r\n\r\nx\r\n".utf8)), smtpURL: "http://127.0.0.1:1/")
            }
        }
    }
}
