import Foundation
import InkwellHTTPClient
import InkwellPostgres
import Testing
import TestSupport

/// A signed-in account of the stack.
struct StackAccount: Sendable {
    var id: String
    var username: String
    var token: String
    var auth: [HTTPHeader] { [HTTPHeader(name: "Authorization", value: "Bearer \(token)")] }
}

extension ServiceStack {
    /// Registers an account through the gateway, gives it `roles` and (unless told otherwise) a
    /// verified email in the users database, then signs it in, so its token carries both.
    func account(prefix: String = "a", roles: [String] = ["reader"], verified: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) async throws -> StackAccount {
        let username = uniqueUsername(prefix)
        let registered = try await request("POST", "/api/v1/auth/register", json: #"{"email": "\#(username)@example.org", "username": "\#(username)", "password": "correct-horse-battery"}"#)
        try #require(registered.status == 201, "\(registered.text)", sourceLocation: sourceLocation)
        _ = try await sql("UPDATE users.users SET roles = \(roles), email_verified = \(verified) WHERE username = \(username)")
        let login = try await request("POST", "/api/v1/auth/login", json: #"{"login": "\#(username)", "password": "correct-horse-battery"}"#)
        try #require(login.status == 200, "\(login.text)", sourceLocation: sourceLocation)
        return StackAccount(id: registered.json["id"] as! String, username: username, token: login.json["accessToken"] as! String)
    }

    /// Runs `query` on the stack's database as its superuser (to set up what the API can't).
    @discardableResult
    func sql(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await TestDatabase.withClient(url: try database.adminURL()) { client in try await client.query(query) }
    }
}
