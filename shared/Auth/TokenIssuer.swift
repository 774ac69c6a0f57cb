import Foundation
import InkwellCore
import JWTKit

/// Signs access tokens and publishes the JWKS. Used only by the users service.
///
/// Holds one signing key and the public parts of all keys whose tokens may still be alive
/// (rotation keeps an old key in `verificationKeys` until its last token has expired).
public struct TokenIssuer: Sendable {
    /// The `iss` of every token.
    public let issuer: String
    /// The `aud` of every token.
    public let audience: String
    /// From `iat` to `exp`.
    public let lifetime: Duration
    /// The `kid` that new tokens carry.
    public let signingKid: String
    private let leeway: Duration
    private let signer: JWTKeyCollection
    private let verificationKeys: VerificationKeySet
    private let document: JWKSDocument

    /// - Parameters:
    ///   - issuer: the `iss` of every token (and the only one ``verify(_:)`` accepts).
    ///   - lifetime: from `iat` to `exp`; whole seconds.
    ///   - signingKey: signs new tokens; its public part is always in the JWKS.
    ///   - verificationKeys: further keys whose public parts go into the JWKS (older keys during
    ///     rotation); may repeat `signingKey`.
    ///   - leeway: the clock skew ``verify(_:)`` allows for `exp` and `iat`.
    /// - Throws: ``SigningKeyError`` for a key that is not a 32-byte Ed25519 seed with a kid,
    ///   or two different keys with one kid.
    public init(
        issuer: String, audience: String = "inkwell", lifetime: Duration = .seconds(900),
        signingKey: SigningKey, verificationKeys: [SigningKey], leeway: Duration = .seconds(30)
    ) async throws {
        self.issuer = issuer
        self.audience = audience
        self.lifetime = lifetime
        self.leeway = leeway
        signingKid = signingKey.kid

        var jwks: [JSONWebKey] = []
        var seen: [String: [UInt8]] = [:]
        for key in [signingKey] + verificationKeys {
            if let previous = seen[key.kid] {
                guard previous == key.privateKey else { throw SigningKeyError.duplicateKid(key.kid) }
                continue
            }
            seen[key.kid] = key.privateKey
            jwks.append(try key.publicJWK())
        }
        document = JWKSDocument(keys: jwks)

        signer = JWTKeyCollection()
        await signer.add(eddsa: try signingKey.eddsaPrivateKey(), kid: JWKIdentifier(string: signingKey.kid))
        // Verify through the published JWKS itself, exactly as the other services do.
        self.verificationKeys = await VerificationKeySet.make(from: document).keys
    }

    /// Signs an access token for the user. `expiresIn` is the lifetime in seconds (for the
    /// login response).
    public func issue(userId: UUID, username: String, roles: [String], emailVerified: Bool, now: Date = Date()) async throws -> (token: String, expiresIn: Int) {
        let seconds = Int(lifetime.components.seconds)
        // NumericDate is whole seconds; truncating here keeps issued and decoded claims equal.
        let issuedAt = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let claims = AccessTokenClaims(
            issuer: issuer, audience: audience, userId: userId, username: username, roles: roles, emailVerified: emailVerified,
            issuedAt: issuedAt, expiresAt: issuedAt.addingTimeInterval(TimeInterval(seconds))
        )
        let token = try await signer.sign(claims, kid: JWKIdentifier(string: signingKid))
        return (token, seconds)
    }

    /// The JWK Set for `GET /.well-known/jwks.json`: public keys only.
    public func jwks() -> JWKSDocument { document }

    /// Verifies a token locally against this issuer's own keys, with the same checks as
    /// ``TokenVerifier/verify(_:)``.
    public func verify(_ token: String) async throws(TokenError) -> AuthenticatedUser {
        let header = try TokenHeader.parse(token)
        let requirements = ClaimRequirements(issuer: issuer, audience: audience, leeway: leeway.timeInterval, now: Date())
        return try await verificationKeys.verify(token, header: header, requirements: requirements)
    }
}
