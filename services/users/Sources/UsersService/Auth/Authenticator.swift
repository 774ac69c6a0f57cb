import Hummingbird
import InkwellAuth
import InkwellServiceKit

/// Verifies `Authorization: Bearer` on the users service's own routes with its own keys
/// (no JWKS round trip), route by route: only the routes that need a caller look at the header,
/// so a stale token sent along to login or refresh does no harm. The answers are the platform's
/// (``BearerAuthentication``): no bearer credential → 401 `WWW-Authenticate: Bearer`; a bad token
/// → 401 `Bearer error="invalid_token"`; the problem names the reason with a fixed phrase, never
/// the token.
public struct Authenticator: Sendable {
    let keyRing: KeyRing

    public init(keyRing: KeyRing) { self.keyRing = keyRing }

    public func authenticate(_ request: Request) async throws(HTTPProblem) -> AuthenticatedUser {
        guard let user = try await BearerAuthentication.user(of: request, verifier: keyRing) else {
            throw .authenticationRequired(TokenError.missing.description)
        }
        return user
    }
}
