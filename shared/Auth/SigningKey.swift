import Foundation
import InkwellCore
import JWTKit

/// An Ed25519 key that signs access tokens, identified by `kid`.
///
/// The users service stores these (raw bytes) in its schema so that every replica signs alike.
/// `description` never shows the private key.
public struct SigningKey: Sendable, CustomStringConvertible {
    /// The key id in token headers and the JWKS.
    public let kid: String
    /// The raw 32-byte Ed25519 private key (the seed, RFC 8032).
    public let privateKey: [UInt8]
    /// When the key was made, for rotation policy.
    public let createdAt: Date

    /// Wraps stored key material; ``TokenIssuer/init(issuer:audience:lifetime:signingKey:verificationKeys:leeway:)``
    /// refuses a key whose `privateKey` is not 32 bytes or whose `kid` is empty.
    public init(kid: String, privateKey: [UInt8], createdAt: Date) {
        self.kid = kid
        self.privateKey = privateKey
        self.createdAt = createdAt
    }

    /// A new random key. The default `kid` is a random lower-case UUID.
    public static func generate(kid: String? = nil) -> SigningKey {
        // Any 32 random bytes are a valid Ed25519 seed (from the operating system's CSPRNG).
        let seed = SecureRandom.bytes(32)
        return SigningKey(kid: kid ?? UUID().uuidString.lowercased(), privateKey: seed, createdAt: Date())
    }

    /// The raw 32-byte public key.
    public func publicKey() throws(SigningKeyError) -> [UInt8] {
        [UInt8](try eddsaPrivateKey().publicKey.rawRepresentation)
    }

    /// The public part as a JWK for the JWKS.
    public func publicJWK() throws(SigningKeyError) -> JSONWebKey {
        .ed25519(kid: kid, publicKey: try publicKey())
    }

    /// Shows `kid` and `createdAt`; the private key is redacted.
    public var description: String {
        "SigningKey(kid: \(kid), createdAt: \(createdAt), privateKey: <redacted>)"
    }

    func eddsaPrivateKey() throws(SigningKeyError) -> EdDSA.PrivateKey {
        guard !kid.isEmpty, privateKey.count == 32,
            let key = try? EdDSA.PrivateKey(d: Base64URL.encode(privateKey), curve: .ed25519)
        else { throw .invalidKey(kid: kid) }
        return key
    }
}
