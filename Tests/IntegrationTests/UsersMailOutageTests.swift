import Foundation
import InkwellHTTPClient
import InkwellPostgres
import Testing
import TestSupport

/// Mail is never sent inside a request: with the SMTP server down, registration still answers
/// 201, and the verification mail arrives once the server is up.
@Suite(.serialized) struct UsersMailOutageTests {
    @Test func registrationSucceedsDuringAnSMTPOutageAndTheMailArrivesLater() async throws {
        let port = freeLocalPort()
        let stack = try await ServiceStack.start(usersEnvironment: ["SMTP_URL": "smtp://127.0.0.1:\(port)"])
        let username = uniqueUsername("smtp")
        let email = "\(username)@example.org"
        let response = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "\#(email)", "username": "\#(username)", "password": "correct-horse-battery"}"#)
        #expect(response.status == 201, "\(response.text)")

        // The sender tried and failed (the port is closed): the mail waits in the outbox.
        try await pollUntil("a failed delivery attempt", timeout: .seconds(30), interval: .milliseconds(100)) {
            let rows = try await TestDatabase.withClient(url: try stack.database.adminURL()) { client in
                try await client.query("SELECT attempts, last_error, sent_at FROM users.mail_outbox WHERE recipient = \(email)")
            }
            guard let row = rows.first else { return false }
            return try row.decode(column: "attempts", as: Int.self) >= 1 && row.decode(column: "last_error", as: String?.self) != nil
                && row.decode(column: "sent_at", as: Date?.self) == nil
        }

        // A path that does not exist yet: aiosmtpd's Mailbox creates a Maildir only then.
        let maildir = try TestEnvironment.scratchDirectory("smtp").appendingPathComponent("Maildir").path
        let smtp = try ChildProcess(name: "aiosmtpd", executable: "/usr/bin/python3",
                                    arguments: ["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        defer { Task { await smtp.stop() } }
        let link = try await MailboxReader.link(to: email, path: "/verify-email", in: maildir, timeout: .seconds(90))
        #expect(link.hasPrefix("\(stack.gatewayURL)/verify-email?token="))
        let verified = try await stack.request("POST", "/api/v1/auth/verify-email", json: #"{"token": "\#(MailboxReader.token(in: link))"}"#)
        #expect(verified.status == 200, "\(verified.text)")
        await smtp.stop()
        await stack.stop()
    }

    @Test func withoutSMTPMailIsWrittenAsEmlFiles() async throws {
        let stack = try await ServiceStack.start()
        let username = uniqueUsername("eml")
        let email = "\(username)@example.org"
        let response = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "\#(email)", "username": "\#(username)", "password": "correct-horse-battery"}"#)
        #expect(response.status == 201, "\(response.text)")
        let link = try await MailboxReader.link(to: email, path: "/verify-email", in: stack.mailDirectory)
        let files = try FileManager.default.contentsOfDirectory(atPath: stack.mailDirectory)
        #expect(files.contains { $0.hasSuffix(".eml") })
        #expect(try await stack.request("POST", "/api/v1/auth/verify-email", json: #"{"token": "\#(MailboxReader.token(in: link))"}"#).status == 200)
        await stack.stop()
    }
}
