import Foundation
import InkwellHTTPClient
import InkwellPostgres
import Synchronization
import Testing
import TestSupport

/// The security review's findings, end to end through the gateway.
extension UsersAuthTests {
    @Test func concurrentWrongLoginsCheckAtMostFivePasswords() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<30 { group.addTask { try await self.login(stack, account.username, "wrong-password-123").status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // Every 401 is a checked password; every other attempt was refused before hashing.
        #expect(statuses.filter { $0 == 401 }.count <= 5, "\(statuses)")
        #expect(statuses.filter { $0 == 429 }.count >= 25, "\(statuses)")
        #expect(statuses.allSatisfy { $0 == 401 || $0 == 429 }, "\(statuses)")
        // Locked: the right password is refused too.
        let right = try await login(stack, account.username, account.password)
        expectProblem(right, status: 429)
        #expect(right.header("Retry-After").flatMap(Int.init) ?? 0 > 0)
    }

    @Test func tokenAndPrivateResponsesAreNotStored() async throws {
        let stack = try await stack()
        let username = uniqueUsername()
        let registered = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "\#(username)@example.org", "username": "\#(username)", "password": "correct-horse-battery"}"#)
        #expect(registered.status == 201)
        let account = Account(username: username, email: "\(username)@example.org", password: "correct-horse-battery", id: registered.json["id"] as! String)
        let login = try await self.login(stack, account.username, account.password)
        let refresh = try await refresh(stack, login.json["refreshToken"] as! String)
        let access = try #require(refresh.json["accessToken"] as? String)
        let me = try await stack.request("GET", "/api/v1/users/me", headers: bearer(access))
        let patched = try await stack.request("PATCH", "/api/v1/users/me", json: #"{"bio": "hi"}"#, headers: bearer(access))
        let token = MailboxReader.token(in: try await MailboxReader.link(to: account.email, path: "/verify-email", in: try TestEnvironment.mailDir()))
        let verified = try await stack.request("POST", "/api/v1/auth/verify-email", json: #"{"token": "\#(token)"}"#)
        for (name, response) in [("register", registered), ("login", login), ("refresh", refresh), ("me", me), ("patch me", patched), ("verify", verified)] {
            #expect(response.status / 100 == 2, "\(name): \(response.text)")
            #expect(response.header("Cache-Control") == "no-store", "\(name)")
        }
    }

    @Test func noLinkTokenIsStoredInThePlainAfterRegistrationAndReset() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        #expect(try await stack.request("POST", "/api/v1/auth/password-reset", json: #"{"email": "\#(account.email)"}"#).status == 202)
        let verify = MailboxReader.token(in: try await MailboxReader.link(to: account.email, path: "/verify-email", in: try TestEnvironment.mailDir()))
        let reset = MailboxReader.token(in: try await MailboxReader.link(to: account.email, path: "/reset-password", in: try TestEnvironment.mailDir()))
        let dump = try await schemaText(stack)
        for secret in [verify, reset] {
            #expect(!dump.contains(secret), "a raw token is stored")
        }
        #expect(!dump.contains("token="), "a link is stored")
        // Their hashes are, and both links work.
        #expect(try await stack.request("POST", "/api/v1/auth/verify-email", json: #"{"token": "\#(verify)"}"#).status == 200)
        #expect(try await stack.request("POST", "/api/v1/auth/password-reset/confirm", json: #"{"token": "\#(reset)", "password": "a brand new password"}"#).status == 204)
    }

    /// Every row of every table of the users schema as JSON text.
    func schemaText(_ stack: ServiceStack) async throws -> String {
        let tables = try await stack.sql("SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'users'").map { try $0.decode(column: "t", as: String.self) }
        var text = ""
        for table in tables {
            for row in try await stack.sql("SELECT row_to_json(x)::text AS j FROM users.\(identifier: table) x") { text += try row.decode(column: "j", as: String.self) }
        }
        return text
    }

    @Test func atMostThreeResetMailsPerAddressAndHour() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await stack.request("POST", "/api/v1/auth/password-reset", json: #"{"email": "\#(account.email)"}"#).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == 202 }, "\(statuses)")
        let queued = try await stack.sql("SELECT count(*)::int8 AS n FROM users.mail_outbox WHERE recipient = \(account.email) AND kind = 'reset_password'")
        #expect(try queued.first?.decode(column: "n", as: Int64.self) == 3)
        try await pollUntil("the three reset mails", timeout: .seconds(30), interval: .milliseconds(100)) {
            MailboxReader.messages(to: account.email, in: try TestEnvironment.mailDir()).filter { MailboxReader.textPart($0)?.contains("/reset-password?token=") == true }.count == 3
        }
        #expect(try await stack.request("POST", "/api/v1/auth/password-reset", json: #"{"email": "\#(account.email)"}"#).status == 202)
        let after = try await stack.sql("SELECT count(*)::int8 AS n FROM users.mail_outbox WHERE recipient = \(account.email) AND kind = 'reset_password'")
        #expect(try after.first?.decode(column: "n", as: Int64.self) == 3)
    }

    @Test func addressesThatCouldInjectHeadersAreRefused() async throws {
        let stack = try await stack()
        for email in [#"a>,<b\#(uniqueUsername())@example.org"#, "a b@example.org", #"\"x\"@example.org"#, #"x\r\nBcc: v@example.org"#, #"x\u0000@example.org"#] {
            let response = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "\#(email)", "username": "\#(uniqueUsername())", "password": "correct-horse-battery"}"#)
            expectProblem(response, status: 422)
            #expect((response.json["errors"] as? [[String: Any]])?.map { $0["field"] as? String } == ["email"], "\(email): \(response.text)")
            let reset = try await stack.request("POST", "/api/v1/auth/password-reset", json: #"{"email": "\#(email)"}"#)
            expectProblem(reset, status: 422)
        }
    }

    @Test func textLimitsCountScalarsAndRefuseControlCharacters() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        let access = try await signIn(stack, account).access
        let zalgo = "a" + String(repeating: #"\u0301"#, count: 1000)
        let long = try await stack.request("PATCH", "/api/v1/users/me", json: #"{"displayName": "\#(zalgo)", "bio": "\#(zalgo)"}"#, headers: bearer(access))
        expectProblem(long, status: 422)
        #expect(Set((long.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["displayName", "bio"])
        let control = try await stack.request("PATCH", "/api/v1/users/me", json: #"{"displayName": "A\u0000B"}"#, headers: bearer(access))
        expectProblem(control, status: 422)
        #expect((control.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "displayName")
        let lines = try await stack.request("PATCH", "/api/v1/users/me", json: #"{"bio": "one\ttwo\nthree"}"#, headers: bearer(access))
        #expect(lines.status == 200, "\(lines.text)")
        #expect(lines.json["bio"] as? String == "one\ttwo\nthree")
    }

    @Test func aDecomposedPasswordSignsInAgainstAPrecomposedOne() async throws {
        let stack = try await stack()
        let username = uniqueUsername()
        let registered = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "\#(username)@example.org", "username": "\#(username)", "password": "cr\u00e8me br\u00fbl\u00e9e"}"#)
        #expect(registered.status == 201, "\(registered.text)")
        #expect(try await login(stack, username, #"cre\u0300me bru\u0302le\u0301e"#).status == 200)
        #expect(try await login(stack, username, #"cr\u00e8me br\u00fbl\u00e9e"#).status == 200)
    }

    @Test func theLastAdminCannotBeDemoted() async throws {
        let stack = try await stack()
        let adminAccess = try await adminSession(stack)
        let me = try await stack.request("GET", "/api/v1/users/me", headers: bearer(adminAccess))
        let adminName = try #require(me.json["username"] as? String)
        let refused = try await stack.request("PUT", "/api/v1/users/\(adminName)/roles", json: #"{"roles": ["author"]}"#, headers: bearer(adminAccess))
        expectProblem(refused, status: 409)
        let still = try await stack.request("GET", "/api/v1/users/me", headers: bearer(adminAccess))
        #expect((still.json["roles"] as? [String])?.contains("admin") == true)
        // With a second admin, one of them may be demoted; then the other is the last again.
        let other = try await register(stack)
        #expect(try await stack.request("PUT", "/api/v1/users/\(other.username)/roles", json: #"{"roles": ["admin"]}"#, headers: bearer(adminAccess)).status == 200)
        #expect(try await stack.request("PUT", "/api/v1/users/\(other.username)/roles", json: #"{"roles": []}"#, headers: bearer(adminAccess)).status == 200)
        expectProblem(try await stack.request("PUT", "/api/v1/users/\(adminName)/roles", json: #"{"roles": []}"#, headers: bearer(adminAccess)), status: 409)
    }
}
