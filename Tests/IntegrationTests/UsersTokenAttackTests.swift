import Crypto
import Foundation
import InkwellAuth
import InkwellCore
import InkwellHTTPClient
import InkwellPostgres
import Testing
import TestSupport

/// Forged access tokens against the users service itself, through the gateway: each is refused
/// with 401 and `WWW-Authenticate: Bearer`. (The shared TokenVerifier gets the same attacks in
/// Tests/AuthTests, so every service that adopts it is protected alike.)
extension UsersAuthTests {
    static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ string: Substring) -> Data? {
        var s = string.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s)
    }

    static func json(_ object: [String: Any]) -> String {
        base64URL(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// The key the service signs with, read from its schema (as an attacker who stole it could).
    func currentSigningKey(_ stack: ServiceStack) async throws -> SigningKey {
        let row = try #require(try await stack.sql("SELECT kid, private_key, created_at FROM users.signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1").first)
        return SigningKey(kid: try row.decode(column: "kid"), privateKey: try row.decode(column: "private_key"), createdAt: try row.decode(column: "created_at"))
    }

    func expectRefused(_ stack: ServiceStack, _ token: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let response = try await stack.request("GET", "/api/v1/users/me", headers: bearer(token))
        #expect(response.status == 401, "\(what): \(response.text)", sourceLocation: sourceLocation)
        #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer") == true, "\(what)", sourceLocation: sourceLocation)
        #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true, sourceLocation: sourceLocation)
    }

    @Test func forgedTokensAreRefusedWith401() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        let good = try await signIn(stack, account).access
        #expect(try await stack.request("GET", "/api/v1/users/me", headers: bearer(good)).status == 200)

        let parts = good.split(separator: ".")
        let header = try #require(Self.decodeBase64URL(parts[0]).flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] })
        var claims = try #require(Self.decodeBase64URL(parts[1]).flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] })
        let kid = try #require(header["kid"] as? String)
        let subject = try #require(claims["sub"] as? String)
        let userId = try #require(UUID(uuidString: subject))
        let key = try await currentSigningKey(stack)
        #expect(key.kid == kid)

        // alg: none, no signature.
        try await expectRefused(stack, "\(Self.json(["alg": "none", "typ": "JWT", "kid": kid])).\(parts[1]).", "alg none")

        // HS256 with the public key as the HMAC secret (key confusion), raw and as published in the JWKS.
        let publicKey = try key.publicKey()
        for secret in [publicKey, Array(Self.base64URL(publicKey).utf8)] {
            let signingInput = "\(Self.json(["alg": "HS256", "typ": "JWT", "kid": kid])).\(parts[1])"
            let mac = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: SymmetricKey(data: secret))
            try await expectRefused(stack, "\(signingInput).\(Self.base64URL(mac))", "HS256 with the public key")
        }

        // A tampered payload under the original signature: an admin now, says the token.
        claims["roles"] = ["reader", "author", "moderator", "admin"]
        try await expectRefused(stack, "\(parts[0]).\(Self.json(claims)).\(parts[2])", "tampered payload")

        // Signed with the real key (proves the forging harness), then expired, wrong audience.
        let realIssuer = try await TokenIssuer(issuer: "inkwell-users", signingKey: key, verificationKeys: [])
        let control = try await realIssuer.issue(userId: userId, username: account.username, roles: ["reader"], emailVerified: false).token
        #expect(try await stack.request("GET", "/api/v1/users/me", headers: bearer(control)).status == 200, "a token signed with the service's key is accepted")
        let expired = try await realIssuer.issue(userId: userId, username: account.username, roles: ["reader"], emailVerified: false, now: Date().addingTimeInterval(-3600)).token
        try await expectRefused(stack, expired, "expired")
        let otherAudience = try await TokenIssuer(issuer: "inkwell-users", audience: "someone-else", signingKey: key, verificationKeys: [])
        try await expectRefused(stack, try await otherAudience.issue(userId: userId, username: account.username, roles: ["reader"], emailVerified: false).token, "wrong aud")
        let otherIssuer = try await TokenIssuer(issuer: "evil", signingKey: key, verificationKeys: [])
        try await expectRefused(stack, try await otherIssuer.issue(userId: userId, username: account.username, roles: ["reader"], emailVerified: false).token, "wrong iss")

        // A key the service never published (unknown kid).
        let stranger = try await TokenIssuer(issuer: "inkwell-users", signingKey: .generate(), verificationKeys: [])
        try await expectRefused(stack, try await stranger.issue(userId: userId, username: account.username, roles: ["reader", "admin"], emailVerified: true).token, "unknown kid")
    }
}
