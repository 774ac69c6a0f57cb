import Foundation
import InkwellHTTPClient
import InkwellPostgres
import Testing
import TestSupport

/// The users contract through the gateway, against real processes, PostgreSQL, Kafka and SMTP:
/// verification and reset links are followed from the mail the SMTP server received.
@Suite(.serialized) struct UsersAuthTests {
    static let adminEmail = "\(uniqueUsername("admin"))@example.org"
    /// One stack for the suite; mail goes to the test run's SMTP server; keys reload every second.
    static let stack = Task {
        try await ServiceStack.start(usersEnvironment: [
            "SMTP_URL": try TestEnvironment.smtpURL(),
            "BOOTSTRAP_ADMIN_EMAIL": adminEmail,
            "SIGNING_KEYS_RELOAD_SECONDS": "1",
        ])
    }

    func stack() async throws -> ServiceStack { try await Self.stack.value }

    // MARK: - Helpers

    struct Account {
        var username: String
        var email: String
        var password: String
        var id: String
    }

    func register(_ stack: ServiceStack, prefix: String = "u", email: String? = nil, displayName: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Account {
        let username = uniqueUsername(prefix)
        let email = email ?? "\(username)@example.org"
        let nameField = displayName.map { #", "displayName": "\#($0)""# } ?? ""
        let response = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "\#(email)", "username": "\#(username)", "password": "correct-horse-battery"\#(nameField)}"#)
        try #require(response.status == 201, "\(response.text)", sourceLocation: sourceLocation)
        return Account(username: username, email: email.lowercased(), password: "correct-horse-battery", id: response.json["id"] as! String)
    }

    func login(_ stack: ServiceStack, _ login: String, _ password: String) async throws -> HTTPClientResponse {
        try await stack.request("POST", "/api/v1/auth/login", json: #"{"login": "\#(login)", "password": "\#(password)"}"#)
    }

    func signIn(_ stack: ServiceStack, _ account: Account, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (access: String, refresh: String) {
        let response = try await login(stack, account.username, account.password)
        try #require(response.status == 200, "\(response.text)", sourceLocation: sourceLocation)
        return (response.json["accessToken"] as! String, response.json["refreshToken"] as! String)
    }

    func bearer(_ token: String) -> [HTTPHeader] { [HTTPHeader(name: "Authorization", value: "Bearer \(token)")] }

    func refresh(_ stack: ServiceStack, _ token: String) async throws -> HTTPClientResponse {
        try await stack.request("POST", "/api/v1/auth/refresh", json: #"{"refreshToken": "\#(token)"}"#)
    }

    func expectProblem(_ response: HTTPClientResponse, status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true, sourceLocation: sourceLocation)
        if status == 401 { #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer") == true, sourceLocation: sourceLocation) }
    }

    /// Runs SQL as the superuser on the stack's database (to expire tokens, inspect queues).
    /// The `kid` in an access token's header.
    func kid(_ token: String) -> String? {
        var part = String(token.split(separator: ".").first ?? "").replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while part.count % 4 != 0 { part += "=" }
        guard let data = Data(base64Encoded: part), let header = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return header["kid"] as? String
    }

    // MARK: - Verification

    @Test func verificationLinkFromTheEmailVerifiesOnce() async throws {
        let stack = try await stack()
        let account = try await register(stack, displayName: "Zoë \\\"Z\\\" <b>")
        let link = try await MailboxReader.link(to: account.email, path: "/verify-email", in: try TestEnvironment.mailDir())
        #expect(link.hasPrefix("\(stack.gatewayURL)/verify-email?token="))
        let token = MailboxReader.token(in: link)

        let verified = try await stack.request("POST", "/api/v1/auth/verify-email", json: #"{"token": "\#(token)"}"#)
        #expect(verified.status == 200, "\(verified.text)")
        #expect(verified.json["emailVerified"] as? Bool == true)
        #expect(verified.json["email"] as? String == account.email)
        // Single use.
        expectProblem(try await stack.request("POST", "/api/v1/auth/verify-email", json: #"{"token": "\#(token)"}"#), status: 400)
        expectProblem(try await stack.request("POST", "/api/v1/auth/verify-email", json: #"{"token": "\#(String(repeating: "A", count: 43))"}"#), status: 400)
        expectProblem(try await stack.request("POST", "/api/v1/auth/verify-email", json: #"{"token": "nonsense"}"#), status: 400)
        // The access token says so too.
        let me = try await stack.request("GET", "/api/v1/users/me", headers: bearer(try await signIn(stack, account).access))
        #expect(me.json["emailVerified"] as? Bool == true)
    }

    @Test func expiredVerificationTokenIs400() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        let token = MailboxReader.token(in: try await MailboxReader.link(to: account.email, path: "/verify-email", in: try TestEnvironment.mailDir()))
        _ = try await stack.sql("""
            UPDATE users.email_tokens SET expires_at = now() - interval '1 second'
            WHERE token_hash = encode(sha256(convert_to(\(token), 'UTF8')), 'hex') RETURNING user_id
            """)
        expectProblem(try await stack.request("POST", "/api/v1/auth/verify-email", json: #"{"token": "\#(token)"}"#), status: 400)
    }

    @Test func storesOnlyTheHashOfTokens() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        let token = MailboxReader.token(in: try await MailboxReader.link(to: account.email, path: "/verify-email", in: try TestEnvironment.mailDir()))
        let raw = try await stack.sql("SELECT count(*)::int8 AS n FROM users.email_tokens WHERE token_hash = \(token)")
        #expect(try raw.first?.decode(column: "n", as: Int64.self) == 0)
        let hashed = try await stack.sql("SELECT count(*)::int8 AS n FROM users.email_tokens WHERE token_hash = encode(sha256(convert_to(\(token), 'UTF8')), 'hex')")
        #expect(try hashed.first?.decode(column: "n", as: Int64.self) == 1)
    }

    // MARK: - Login

    @Test func loginByUsernameOrEmailIgnoresCase() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        for login in [account.username.uppercased(), account.email.uppercased(), " \(account.username) "] {
            let response = try await self.login(stack, login, account.password)
            #expect(response.status == 200, "\(response.text)")
            #expect(response.json["tokenType"] as? String == "Bearer")
            #expect(response.json["expiresIn"] as? Int == 900)
            #expect((response.json["refreshToken"] as? String)?.count == 43)
            #expect((response.json["user"] as? [String: Any])?["username"] as? String == account.username)
            let access = try #require(response.json["accessToken"] as? String)
            #expect(access.split(separator: ".").count == 3)
            let me = try await stack.request("GET", "/api/v1/users/me", headers: bearer(access))
            #expect(me.status == 200, "\(me.text)")
            #expect(me.json["email"] as? String == account.email)
        }
    }

    @Test func unknownUserAndWrongPasswordGetTheSame401() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        let wrong = try await login(stack, account.username, "wrong-password-123")
        let unknown = try await login(stack, "nobody-\(account.username)", "wrong-password-123")
        expectProblem(wrong, status: 401)
        expectProblem(unknown, status: 401)
        #expect(wrong.json["detail"] as? String == unknown.json["detail"] as? String)
        expectProblem(try await stack.request("POST", "/api/v1/auth/login", json: #"{"login": "x"}"#), status: 422)
    }

    @Test func fiveFailuresLockTheAccountFor15Minutes() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        for _ in 0..<5 { expectProblem(try await login(stack, account.email, "wrong-password-123"), status: 401) }
        let locked = try await login(stack, account.username, account.password)
        expectProblem(locked, status: 429)
        let retryAfter = try #require(locked.header("Retry-After").flatMap(Int.init))
        #expect((850...900).contains(retryAfter))
        // Another account is not affected.
        let other = try await register(stack)
        #expect(try await login(stack, other.username, other.password).status == 200)
    }

    // MARK: - Refresh tokens

    @Test func refreshRotatesAndReuseRevokesTheFamily() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        let first = try await signIn(stack, account)
        let second = try await refresh(stack, first.refresh)
        #expect(second.status == 200, "\(second.text)")
        let r2 = try #require(second.json["refreshToken"] as? String)
        #expect(r2 != first.refresh)
        #expect(second.json["tokenType"] as? String == "Bearer")
        let access2 = try #require(second.json["accessToken"] as? String)
        #expect(try await stack.request("GET", "/api/v1/users/me", headers: bearer(access2)).status == 200)
        let third = try await refresh(stack, r2)
        #expect(third.status == 200)
        let r3 = try #require(third.json["refreshToken"] as? String)

        // The rotated first token again: theft. 401 and the whole family is gone.
        expectProblem(try await refresh(stack, first.refresh), status: 401)
        expectProblem(try await refresh(stack, r3), status: 401)
        // Another session (login) of the same account is not affected.
        let otherSession = try await signIn(stack, account)
        #expect(try await refresh(stack, otherSession.refresh).status == 200)
        expectProblem(try await refresh(stack, "garbage"), status: 401)
    }

    @Test func logoutRevokesTheSession() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        let session = try await signIn(stack, account)
        let refreshed = try await refresh(stack, session.refresh)
        let current = try #require(refreshed.json["refreshToken"] as? String)
        let logout = try await stack.request("POST", "/api/v1/auth/logout", json: #"{"refreshToken": "\#(current)"}"#)
        #expect(logout.status == 204)
        expectProblem(try await refresh(stack, current), status: 401)
        #expect(try await stack.request("POST", "/api/v1/auth/logout", json: #"{"refreshToken": "\#(current)"}"#).status == 204, "idempotent")
    }

    // MARK: - Password reset

    @Test func passwordResetByEmailLink() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        let session = try await signIn(stack, account)
        let unknown = try await stack.request("POST", "/api/v1/auth/password-reset", json: #"{"email": "nobody-\#(account.email)"}"#)
        #expect(unknown.status == 202)
        let known = try await stack.request("POST", "/api/v1/auth/password-reset", json: #"{"email": "\#(account.email.uppercased())"}"#)
        #expect(known.status == 202)
        let link = try await MailboxReader.link(to: account.email, path: "/reset-password", in: try TestEnvironment.mailDir())
        #expect(link.hasPrefix("\(stack.gatewayURL)/reset-password?token="))
        let token = MailboxReader.token(in: link)

        let short = try await stack.request("POST", "/api/v1/auth/password-reset/confirm", json: #"{"token": "\#(token)", "password": "short"}"#)
        expectProblem(short, status: 422)
        #expect((short.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "password")
        let confirmed = try await stack.request("POST", "/api/v1/auth/password-reset/confirm", json: #"{"token": "\#(token)", "password": "a brand new password"}"#)
        #expect(confirmed.status == 204, "\(confirmed.text)")
        // Single use; every refresh token of the account revoked; the new password works.
        expectProblem(try await stack.request("POST", "/api/v1/auth/password-reset/confirm", json: #"{"token": "\#(token)", "password": "another password!"}"#), status: 400)
        expectProblem(try await refresh(stack, session.refresh), status: 401)
        expectProblem(try await login(stack, account.username, account.password), status: 401)
        #expect(try await login(stack, account.username, "a brand new password").status == 200)
    }

    @Test func expiredResetTokenIs400() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        _ = try await stack.request("POST", "/api/v1/auth/password-reset", json: #"{"email": "\#(account.email)"}"#)
        let token = MailboxReader.token(in: try await MailboxReader.link(to: account.email, path: "/reset-password", in: try TestEnvironment.mailDir()))
        _ = try await stack.sql("""
            UPDATE users.email_tokens SET expires_at = now() - interval '1 second'
            WHERE token_hash = encode(sha256(convert_to(\(token), 'UTF8')), 'hex') RETURNING user_id
            """)
        expectProblem(try await stack.request("POST", "/api/v1/auth/password-reset/confirm", json: #"{"token": "\#(token)", "password": "a brand new password"}"#), status: 400)
    }

    // MARK: - Me

    @Test func meNeedsAValidToken() async throws {
        let stack = try await stack()
        expectProblem(try await stack.request("GET", "/api/v1/users/me"), status: 401)
        expectProblem(try await stack.request("GET", "/api/v1/users/me", headers: bearer("not.a.token")), status: 401)
        expectProblem(try await stack.request("GET", "/api/v1/users/me", headers: [HTTPHeader(name: "Authorization", value: "Basic YTpi")]), status: 401)
    }

    @Test func patchMeValidatesAndUpdates() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        let access = try await signIn(stack, account).access
        let invalid = try await stack.request("PATCH", "/api/v1/users/me", json: #"{"displayName": "", "bio": "\#(String(repeating: "b", count: 501))"}"#, headers: bearer(access))
        expectProblem(invalid, status: 422)
        #expect(Set((invalid.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["displayName", "bio"])
        let updated = try await stack.request("PATCH", "/api/v1/users/me", json: #"{"displayName": "  Ada L.  ", "bio": "Counts things."}"#, headers: bearer(access))
        #expect(updated.status == 200, "\(updated.text)")
        #expect(updated.json["displayName"] as? String == "Ada L.")
        #expect(updated.json["bio"] as? String == "Counts things.")
        #expect(updated.json["email"] as? String == account.email)
        let profile = try await stack.request("GET", "/api/v1/users/\(account.username)")
        #expect(profile.json["bio"] as? String == "Counts things.")
        let bioOnly = try await stack.request("PATCH", "/api/v1/users/me", json: #"{"bio": ""}"#, headers: bearer(access))
        #expect(bioOnly.json["displayName"] as? String == "Ada L.")
        #expect(bioOnly.json["bio"] as? String == "")
    }

    // MARK: - Roles

    @Test func bootstrapAdminChangesRolesOthersCannot() async throws {
        let stack = try await stack()
        let adminAccess = try await adminSession(stack)
        let adminMe = try await stack.request("GET", "/api/v1/users/me", headers: bearer(adminAccess))
        #expect(adminMe.json["roles"] as? [String] == ["reader", "author", "moderator", "admin"], "the bootstrap admin has every role")
        let admin = Account(username: adminMe.json["username"] as! String, email: Self.adminEmail, password: "correct-horse-battery", id: adminMe.json["id"] as! String)

        let user = try await register(stack)
        let userAccess = try await signIn(stack, user).access
        expectProblem(try await stack.request("PUT", "/api/v1/users/\(admin.username)/roles", json: #"{"roles": ["reader"]}"#, headers: bearer(userAccess)), status: 403)
        expectProblem(try await stack.request("PUT", "/api/v1/users/\(user.username)/roles", json: #"{"roles": ["author"]}"#), status: 401)
        let unknownRole = try await stack.request("PUT", "/api/v1/users/\(user.username)/roles", json: #"{"roles": ["author", "overlord"]}"#, headers: bearer(adminAccess))
        expectProblem(unknownRole, status: 422)
        #expect((unknownRole.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "roles")
        expectProblem(try await stack.request("PUT", "/api/v1/users/nobody-\(user.username)/roles", json: #"{"roles": []}"#, headers: bearer(adminAccess)), status: 404)

        let changed = try await stack.request("PUT", "/api/v1/users/\(user.username.uppercased())/roles", json: #"{"roles": ["author"]}"#, headers: bearer(adminAccess))
        #expect(changed.status == 200, "\(changed.text)")
        #expect(changed.json["roles"] as? [String] == ["reader", "author"])
        #expect(changed.json["email"] as? String == user.email, "the admin sees the private user")
        // The next token carries the new roles.
        let relogin = try await login(stack, user.username, user.password)
        #expect((relogin.json["user"] as? [String: Any])?["roles"] as? [String] == ["reader", "author"])

        // An admin demoted loses the power at once, even with a token that still says admin.
        let second = try await register(stack)
        #expect(try await stack.request("PUT", "/api/v1/users/\(second.username)/roles", json: #"{"roles": ["admin"]}"#, headers: bearer(adminAccess)).status == 200)
        let secondAccess = try await signIn(stack, second).access
        #expect(try await stack.request("PUT", "/api/v1/users/\(user.username)/roles", json: #"{"roles": ["moderator"]}"#, headers: bearer(secondAccess)).status == 200)
        #expect(try await stack.request("PUT", "/api/v1/users/\(second.username)/roles", json: #"{"roles": []}"#, headers: bearer(adminAccess)).status == 200)
        expectProblem(try await stack.request("PUT", "/api/v1/users/\(user.username)/roles", json: #"{"roles": ["admin"]}"#, headers: bearer(secondAccess)), status: 403)
    }

    // MARK: - Erasure

    @Test func erasureRemovesTheAccountAndKeepsTheUsername() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        let session = try await signIn(stack, account)
        expectProblem(try await stack.request("DELETE", "/api/v1/users/me", json: #"{"password": "wrong-password-123"}"#, headers: bearer(session.access)), status: 403)
        let deleted = try await stack.request("DELETE", "/api/v1/users/me", json: #"{"password": "\#(account.password)"}"#, headers: bearer(session.access))
        #expect(deleted.status == 204, "\(deleted.text)")

        expectProblem(try await login(stack, account.username, account.password), status: 401)
        expectProblem(try await login(stack, account.email, account.password), status: 401)
        expectProblem(try await stack.request("GET", "/api/v1/users/\(account.username)"), status: 404)
        expectProblem(try await stack.request("GET", "/api/v1/users/me", headers: bearer(session.access)), status: 401)
        expectProblem(try await refresh(stack, session.refresh), status: 401)
        let again = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "new-\#(account.email)", "username": "\#(account.username)", "password": "0123456789"}"#)
        expectProblem(again, status: 409)
        // The email is free again (it was erased).
        let sameEmail = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "\#(account.email)", "username": "x\#(account.username)", "password": "0123456789"}"#)
        #expect(sameEmail.status == 201, "\(sameEmail.text)")

        let rows = try await stack.sql("SELECT email, password_hash, bio, display_name FROM users.users WHERE username = \(account.username)")
        #expect(try rows.first?.decode(column: "email", as: String?.self) == nil)
        #expect(try rows.first?.decode(column: "password_hash", as: String?.self) == nil)
    }

    // MARK: - Internal batch read

    @Test func internalBatchReadOmitsErasedAccounts() async throws {
        let stack = try await stack()
        let kept = try await register(stack)
        let erased = try await register(stack)
        let access = try await signIn(stack, erased).access
        #expect(try await stack.request("DELETE", "/api/v1/users/me", json: #"{"password": "\#(erased.password)"}"#, headers: bearer(access)).status == 204)
        let response = try await stack.request("GET", "/internal/v1/users?ids=\(kept.id),\(erased.id),\(UUID().uuidString)", base: stack.usersURL)
        #expect(response.status == 200, "\(response.text)")
        let items = try #require(response.json["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == [kept.id])
        #expect(items.first?["email"] == nil)
        let tooMany = (0...100).map { _ in UUID().uuidString }.joined(separator: ",")
        #expect(try await stack.request("GET", "/internal/v1/users?ids=\(tooMany)", base: stack.usersURL).status == 400)
        #expect(try await stack.request("GET", "/internal/v1/users?ids=nope", base: stack.usersURL).status == 400)
    }

    // MARK: - Keys

    @Test func jwksPublishesPublicEd25519KeysAndRotationKeepsOldTokensValid() async throws {
        let stack = try await stack()
        let jwks = try await stack.request("GET", "/.well-known/jwks.json")
        #expect(jwks.status == 200)
        #expect(jwks.header("Cache-Control")?.contains("max-age=") == true)
        let keys = try #require(jwks.json["keys"] as? [[String: Any]])
        #expect(!keys.isEmpty)
        for key in keys {
            #expect(key["kty"] as? String == "OKP")
            #expect(key["crv"] as? String == "Ed25519")
            #expect(key["alg"] as? String == "EdDSA")
            #expect(key["d"] == nil, "never the private key")
            #expect((key["x"] as? String)?.count == 43)
        }
        let account = try await register(stack)
        let old = try await signIn(stack, account).access
        let oldKid = try #require(kid(old))
        #expect(keys.contains { $0["kid"] as? String == oldKid })

        let rotate = try ChildProcess(name: "rotate-keys", executable: try TestEnvironment.binDir() + "/inkwell-users", arguments: ["rotate-keys"],
                                      environment: ["DATABASE_URL": try stack.database.url(role: "users"), "LOG_LEVEL": "warning"])
        #expect(try await rotate.waitForExit() == 0, "\(rotate.output())")
        let newKid = try await poll("a token signed with the new key", timeout: .seconds(30), interval: .milliseconds(200)) { () -> String? in
            let token = try await signIn(stack, account).access
            return kid(token) != oldKid ? kid(token) : nil
        }
        #expect(rotate.output().contains(newKid))
        let both = try await stack.request("GET", "/.well-known/jwks.json")
        let kids = Set((both.json["keys"] as? [[String: Any]] ?? []).compactMap { $0["kid"] as? String })
        #expect(kids.isSuperset(of: [oldKid, newKid]))
        #expect(try await stack.request("GET", "/api/v1/users/me", headers: bearer(old)).status == 200, "tokens of the retired key still verify")
    }
}

/// Reads mail the way a person would: from the SMTP server's Maildir (or a directory of `.eml`
/// files), finding the message to an address and the link in its text part.
enum MailboxReader {
    /// All messages to `address` in `directory` (a Maildir's `new/` or a flat directory).
    static func messages(to address: String, in directory: String) -> [String] {
        let dirs = [directory + "/new", directory + "/cur", directory]
        var found: [String] = []
        for dir in dirs {
            // Hidden names are files still being written (as in a Maildir's tmp/): skip them.
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where !name.hasPrefix(".") {
                guard let text = try? String(contentsOfFile: dir + "/" + name, encoding: .utf8) else { continue }
                let unix = text.replacingOccurrences(of: "\r\n", with: "\n")
                let headers = unix.components(separatedBy: "\n\n").first ?? ""
                if headers.lowercased().contains("<\(address.lowercased())>") { found.append(unix) }
            }
        }
        return found
    }

    /// The decoded `text/plain` part of a multipart message.
    static func textPart(_ message: String) -> String? {
        guard let range = message.range(of: #"boundary="([^"]+)""#, options: .regularExpression) else { return nil }
        let boundary = String(message[range].dropFirst("boundary=\"".count).dropLast())
        for part in message.components(separatedBy: "--" + boundary) where part.contains("Content-Type: text/plain") {
            let body = part.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
            let base64 = body.filter { !$0.isWhitespace }
            if let data = Data(base64Encoded: base64) { return String(decoding: data, as: UTF8.self) }
        }
        return nil
    }

    /// Polls until a message to `address` holds a link with `path`, and returns the link.
    static func link(to address: String, path: String, in directory: String, timeout: Duration = .seconds(30)) async throws -> String {
        try await poll("a mail to \(address) with a \(path) link", timeout: timeout, interval: .milliseconds(100)) {
            for message in messages(to: address, in: directory) {
                guard let text = textPart(message), let match = text.firstMatch(of: /https?:\/\/[^\s]+\?token=[A-Za-z0-9_-]+/) else { continue }
                let link = String(match.0)
                if link.contains(path + "?token=") { return link }
            }
            return nil
        }
    }

    static func token(in link: String) -> String {
        String(link.split(separator: "=").last ?? "")
    }
}
