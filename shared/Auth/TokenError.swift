/// Why an access token was refused.
///
/// Every case but ``keysUnavailable`` is the caller's fault and becomes `401` with
/// `WWW-Authenticate: Bearer`; ``keysUnavailable`` means the JWKS could not be loaded and becomes
/// `503`. Descriptions are fixed phrases: they never contain the token or any part of it, so the
/// error can be logged and put into a problem response as it is.
public enum TokenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `Authorization` header, or an empty one.
    case missing
    /// Not a `Bearer` credential, not three base64url parts, undecodable JSON or missing claims.
    case malformed
    /// The header names an algorithm other than `EdDSA` (`none`, `HS256`, `RS256`, `ES256`, ...).
    case unsupportedAlgorithm
    /// The header has no `kid`, or names a key that is not in the key set.
    case unknownKey
    /// The signature does not match the header and payload.
    case invalidSignature
    /// `exp` lies in the past (beyond the leeway).
    case expired
    /// `iat` lies in the future (beyond the leeway).
    case notYetValid
    /// `aud` does not contain the expected audience.
    case wrongAudience
    /// `iss` is not the expected issuer.
    case wrongIssuer
    /// The verification keys could not be loaded (the users service's JWKS did not answer).
    case keysUnavailable

    /// The HTTP status this error maps to at the edge: 503 for ``keysUnavailable``, else 401.
    public var httpStatus: Int { self == .keysUnavailable ? 503 : 401 }

    /// A fixed phrase per case, safe for logs and problem responses.
    public var description: String {
        switch self {
        case .missing: "no bearer token"
        case .malformed: "malformed token"
        case .unsupportedAlgorithm: "unsupported token algorithm"
        case .unknownKey: "token signed by an unknown key"
        case .invalidSignature: "invalid token signature"
        case .expired: "token expired"
        case .notYetValid: "token issued in the future"
        case .wrongAudience: "token not intended for this audience"
        case .wrongIssuer: "token from an unexpected issuer"
        case .keysUnavailable: "token verification keys unavailable"
        }
    }
}
