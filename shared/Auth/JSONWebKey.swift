import InkwellCore
/// One entry of a JWK Set (RFC 7517). Inkwell publishes only Ed25519 public keys
/// (`kty: OKP`, `crv: Ed25519`, RFC 8037); other members are optional so that a set holding
/// other key types still decodes (the verifier ignores those keys).
public struct JSONWebKey: Codable, Sendable, Equatable {
    /// Key type: `OKP` for Ed25519.
    public var kty: String
    /// Curve: `Ed25519`.
    public var crv: String?
    /// The raw 32-byte public key, base64url without padding.
    public var x: String?
    /// Key id, matched against the token header's `kid`.
    public var kid: String?
    /// `EdDSA`.
    public var alg: String?
    /// `sig`.
    public var use: String?

    /// A key with the given members; absent ones are omitted from the JSON.
    public init(kty: String, crv: String? = nil, x: String? = nil, kid: String? = nil, alg: String? = nil, use: String? = nil) {
        self.kty = kty
        self.crv = crv
        self.x = x
        self.kid = kid
        self.alg = alg
        self.use = use
    }

    /// An Ed25519 signing key's public part, as ``TokenIssuer`` publishes it.
    public static func ed25519(kid: String, publicKey: [UInt8]) -> JSONWebKey {
        JSONWebKey(kty: "OKP", crv: "Ed25519", x: Base64URL.encode(publicKey), kid: kid, alg: "EdDSA", use: "sig")
    }
}
