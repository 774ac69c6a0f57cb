import InkwellAuth

/// Something that turns a compact JWS access token into its user: the shared ``TokenVerifier``
/// (JWKS of the users service) in the blog and comments services, the users service's own key
/// ring there, a ``TokenIssuer`` in tests.
public protocol AccessTokenVerifying: Sendable {
    /// The token's user; ``TokenError/keysUnavailable`` when no keys could be loaded, any other
    /// ``TokenError`` when the token itself is bad.
    func verify(_ token: String) async throws(TokenError) -> AuthenticatedUser
}

extension TokenVerifier: AccessTokenVerifying {}

extension TokenIssuer: AccessTokenVerifying {}
