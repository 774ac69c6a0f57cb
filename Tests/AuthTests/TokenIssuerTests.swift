import Foundation
@testable import InkwellAuth
import InkwellCore
import Testing

@Suite("TokenIssuer")
struct TokenIssuerTests {
    @Test("an issued token verifies locally and its claims round-trip")
    func issueAndVerify() async throws {
        let key = SigningKey.generate(kid: "k1")
        let issuer = try await TokenIssuer(issuer: AuthFixture.issuerName, signingKey: key, verificationKeys: [])
        let id = UUID()
        let (token, expiresIn) = try await issuer.issue(userId: id, username: "ada", roles: ["reader", "moderator"], emailVerified: false)
        #expect(expiresIn == 900)
        let user = try await issuer.verify(token)
        #expect(user == AuthenticatedUser(id: id, username: "ada", roles: ["reader", "moderator"], emailVerified: false))
    }

    @Test("header and claims are the documented ones")
    func tokenShape() async throws {
        let key = SigningKey.generate(kid: "k1")
        let issuer = try await TokenIssuer(issuer: "users", lifetime: .seconds(600), signingKey: key, verificationKeys: [])
        let id = UUID()
        let now = Date(timeIntervalSince1970: 1_900_000_000.75)
        let (token, expiresIn) = try await issuer.issue(userId: id, username: "ada", roles: ["reader"], emailVerified: true, now: now)
        #expect(expiresIn == 600)

        let header = try Forge.json(token, segment: 0)
        #expect(header["alg"] as? String == "EdDSA")
        #expect(header["kid"] as? String == "k1")
        #expect(header["typ"] as? String == "JWT")

        let claims = try Forge.json(token, segment: 1)
        #expect(Set(claims.keys) == ["iss", "aud", "sub", "exp", "iat", "jti", "username", "roles", "emailVerified"])
        #expect(claims["iss"] as? String == "users")
        #expect(claims["aud"] as? String == "inkwell")
        #expect(claims["sub"] as? String == id.uuidString.lowercased())
        #expect((claims["iat"] as? NSNumber)?.int64Value == 1_900_000_000)
        #expect((claims["exp"] as? NSNumber)?.int64Value == 1_900_000_600)
        #expect(UUID(uuidString: try #require(claims["jti"] as? String)) != nil)
        #expect(claims["username"] as? String == "ada")
        #expect(claims["roles"] as? [String] == ["reader"])
        #expect((claims["emailVerified"] as? NSNumber)?.boolValue == true)
    }

    @Test("every token has its own jti")
    func uniqueTokenIds() async throws {
        let issuer = try await TokenIssuer(issuer: "users", signingKey: .generate(), verificationKeys: [])
        let a = try await issuer.issue(userId: UUID(), username: "ada", roles: [], emailVerified: true).token
        let b = try await issuer.issue(userId: UUID(), username: "ada", roles: [], emailVerified: true).token
        #expect(try Forge.json(a, segment: 1)["jti"] as? String != Forge.json(b, segment: 1)["jti"] as? String)
    }

    @Test("the JWKS holds the public parts of the signing and verification keys, and nothing private")
    func jwks() async throws {
        let old = SigningKey.generate(kid: "old")
        let new = SigningKey.generate(kid: "new")
        let issuer = try await TokenIssuer(issuer: "users", signingKey: new, verificationKeys: [old, new])
        let document = issuer.jwks()
        #expect(document.keys.map(\.kid) == ["new", "old"])
        for (jwk, key) in zip(document.keys, [new, old]) {
            #expect(jwk.kty == "OKP")
            #expect(jwk.crv == "Ed25519")
            #expect(jwk.alg == "EdDSA")
            #expect(jwk.use == "sig")
            #expect(Base64URL.decode(try #require(jwk.x)) == (try key.publicKey()))
        }
        let json = try #require(String(data: try JSONEncoder().encode(document), encoding: .utf8))
        #expect(!json.contains("\"d\""))
        for key in [old, new] {
            #expect(!json.contains(Base64URL.encode(key.privateKey)))
        }
        let decoded = try JSONDecoder().decode(JWKSDocument.self, from: Data(json.utf8))
        #expect(decoded == document)
    }

    @Test("a token of an older key still verifies locally after rotation")
    func localRotation() async throws {
        let old = SigningKey.generate(kid: "old")
        let new = SigningKey.generate(kid: "new")
        let before = try await TokenIssuer(issuer: "users", signingKey: old, verificationKeys: [])
        let after = try await TokenIssuer(issuer: "users", signingKey: new, verificationKeys: [old])
        let oldToken = try await before.issue(userId: UUID(), username: "ada", roles: [], emailVerified: true).token
        let newToken = try await after.issue(userId: UUID(), username: "bob", roles: [], emailVerified: true).token
        #expect(try await after.verify(oldToken).username == "ada")
        #expect(try await after.verify(newToken).username == "bob")
        await #expect(throws: TokenError.unknownKey) { try await before.verify(newToken) }
    }

    @Test("bad key material is refused")
    func invalidKeys() async throws {
        await #expect(throws: SigningKeyError.invalidKey(kid: "short")) {
            try await TokenIssuer(issuer: "users", signingKey: SigningKey(kid: "short", privateKey: [1, 2, 3], createdAt: Date()), verificationKeys: [])
        }
        await #expect(throws: SigningKeyError.invalidKey(kid: "")) {
            try await TokenIssuer(issuer: "users", signingKey: SigningKey(kid: "", privateKey: Array(repeating: 7, count: 32), createdAt: Date()), verificationKeys: [])
        }
        await #expect(throws: SigningKeyError.duplicateKid("k")) {
            try await TokenIssuer(issuer: "users", signingKey: .generate(kid: "k"), verificationKeys: [.generate(kid: "k")])
        }
    }

    @Test("stored key bytes sign the same as the generated key")
    func storedKeyRoundTrip() async throws {
        let generated = SigningKey.generate()
        let stored = SigningKey(kid: generated.kid, privateKey: generated.privateKey, createdAt: generated.createdAt)
        #expect(generated.privateKey.count == 32)
        #expect(try stored.publicKey() == generated.publicKey())
        let issuer = try await TokenIssuer(issuer: "users", signingKey: generated, verificationKeys: [])
        let other = try await TokenIssuer(issuer: "users", signingKey: stored, verificationKeys: [])
        let token = try await issuer.issue(userId: UUID(), username: "ada", roles: [], emailVerified: true).token
        #expect(try await other.verify(token).username == "ada")
    }

    @Test("generated keys differ and never print their private part")
    func keyGeneration() {
        let a = SigningKey.generate()
        let b = SigningKey.generate()
        #expect(a.kid != b.kid)
        #expect(a.privateKey != b.privateKey)
        #expect(!a.description.contains(Base64URL.encode(a.privateKey)))
        #expect(a.description.contains("redacted"))
    }

    @Test("admin implies every role")
    func roles() {
        let author = AuthenticatedUser(id: UUID(), username: "a", roles: ["reader", "author"], emailVerified: true)
        #expect(author.has(role: "author"))
        #expect(!author.has(role: "moderator"))
        let admin = AuthenticatedUser(id: UUID(), username: "b", roles: ["admin"], emailVerified: true)
        #expect(admin.has(role: "moderator"))
        #expect(admin.has(role: "author"))
    }
}
