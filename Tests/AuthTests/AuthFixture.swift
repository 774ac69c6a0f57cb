import Foundation
@testable import InkwellAuth
import InkwellCore
import InkwellHTTPClient
import JWTKit
import Logging
import Testing

/// An issuer, a JWKS server publishing its keys, and a verifier reading them, for one test.
struct AuthFixture {
    static let issuerName = "https://users.inkwell.test"

    let signingKey: SigningKey
    let issuer: TokenIssuer
    let server: JWKSServer
    let client: HTTPClient
    let verifier: TokenVerifier

    static func make(
        signingKey: SigningKey = .generate(),
        refetchInterval: Duration = .seconds(10),
        cacheLifetime: Duration = .seconds(300)
    ) async throws -> AuthFixture {
        let issuer = try await TokenIssuer(issuer: issuerName, signingKey: signingKey, verificationKeys: [])
        let server = try JWKSServer(document: issuer.jwks())
        return makeVerifier(signingKey: signingKey, issuer: issuer, server: server, url: server.url, refetchInterval: refetchInterval, cacheLifetime: cacheLifetime)
    }

    static func makeVerifier(
        signingKey: SigningKey, issuer: TokenIssuer, server: JWKSServer, url: String,
        refetchInterval: Duration = .seconds(10), cacheLifetime: Duration = .seconds(300)
    ) -> AuthFixture {
        let client = HTTPClient(logger: Logger(label: "test.http"))
        let configuration = TokenVerifierConfiguration(
            jwksURL: url, issuer: issuerName, refetchInterval: refetchInterval, cacheLifetime: cacheLifetime
        )
        let verifier = TokenVerifier(configuration: configuration, httpClient: client, logger: Logger(label: "test.auth"))
        return AuthFixture(signingKey: signingKey, issuer: issuer, server: server, client: client, verifier: verifier)
    }

    func close() async {
        server.release()
        server.stop()
        await client.shutdown()
    }

    static let userId = UUID(uuidString: "0192f0c1-7c4e-7a3b-9d2e-5f6a7b8c9d0e")!

    /// A token for the standard test user.
    func token(now: Date = Date()) async throws -> String {
        try await issuer.issue(userId: Self.userId, username: "ada", roles: ["reader", "author"], emailVerified: true, now: now).token
    }

    /// The claims of a standard token, for tests that sign them in unusual ways.
    static func claims(
        issuer: String = issuerName, audience: String = "inkwell", subject: UUID = userId, issuedAt: Date = Date(), lifetime: TimeInterval = 900
    ) -> AccessTokenClaims {
        let iat = Date(timeIntervalSince1970: issuedAt.timeIntervalSince1970.rounded(.down))
        return AccessTokenClaims(
            issuer: issuer, audience: audience, userId: subject, username: "ada", roles: ["reader"], emailVerified: true,
            issuedAt: iat, expiresAt: iat.addingTimeInterval(lifetime)
        )
    }
}

/// Tokens built by hand or with jwt-kit's other algorithms, as an attacker would.
enum Forge {
    static func segment(_ object: [String: Any]) throws -> String {
        Base64URL.encode(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func segment(_ claims: AccessTokenClaims) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return Base64URL.encode(try encoder.encode(claims))
    }

    /// `header.payload.signature` with the given header fields and raw signature bytes.
    static func token(header: [String: Any], claims: AccessTokenClaims, signature: [UInt8] = []) throws -> String {
        "\(try segment(header)).\(try segment(claims)).\(Base64URL.encode(signature))"
    }

    /// Signs `claims` with the real Ed25519 key: a token exactly as the issuer would make one,
    /// but with claims the issuer would never put in.
    static func eddsa(_ claims: some JWTPayload, key: SigningKey, kid: String? = nil, header: JWTHeader = JWTHeader()) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(eddsa: try key.eddsaPrivateKey(), kid: JWKIdentifier(string: kid ?? key.kid))
        return try await keys.sign(claims, kid: JWKIdentifier(string: kid ?? key.kid), header: header)
    }

    /// HS256 keyed with `secret`: the key-confusion attack when `secret` is our public key.
    static func hs256(_ claims: AccessTokenClaims, secret: [UInt8], kid: String) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        return try await keys.sign(claims, kid: JWKIdentifier(string: kid))
    }

    /// ES256 with a fresh P-256 key under our kid.
    static func es256(_ claims: AccessTokenClaims, kid: String) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: ES256PrivateKey(), kid: JWKIdentifier(string: kid))
        return try await keys.sign(claims, kid: JWKIdentifier(string: kid))
    }

    /// The token's three segments.
    static func parts(_ token: String) -> [String] {
        token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// The decoded JSON of segment `index` (0 header, 1 payload).
    static func json(_ token: String, segment index: Int) throws -> [String: Any] {
        let bytes = try #require(Base64URL.decode(parts(token)[index]))
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }
}
