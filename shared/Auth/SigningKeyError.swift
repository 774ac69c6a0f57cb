/// Why a ``TokenIssuer`` could not use its keys.
public enum SigningKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The private key is not 32 bytes, or the `kid` is empty.
    case invalidKey(kid: String)
    /// Two different keys share one `kid`.
    case duplicateKid(String)

    /// Names the kid, never key material.
    public var description: String {
        switch self {
        case .invalidKey(let kid): "signing key \"\(kid)\" is not a 32-byte Ed25519 key with a kid"
        case .duplicateKid(let kid): "two different signing keys have the kid \"\(kid)\""
        }
    }
}
