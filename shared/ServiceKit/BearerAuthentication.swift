import Hummingbird
import InkwellAuth

/// Reads `Authorization: Bearer <jwt>` (RFC 6750 §2.1) and verifies it: the one place that turns
/// a request's credentials into a user or an answer, shared by ``AuthMiddleware`` and the
/// services that authenticate route by route (the users service's `Authenticator`).
///
/// - No `Authorization` header, an empty one, or another scheme (`Basic ...`): anonymous (`nil`);
///   a route that needs a user then answers 401 with a bare `WWW-Authenticate: Bearer`.
/// - A bearer token that is malformed, expired, forged or from a foreign key: 401 with
///   `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 §3.1), whatever the route.
/// - The verification keys cannot be loaded: 503 with `Retry-After: 1`.
public enum BearerAuthentication {
    /// The token of a `Bearer` credential; `nil` when the request carries none.
    /// Throws when the scheme is `Bearer` but the value is not one token.
    public static func token(from header: String?) throws(HTTPProblem) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", omittingEmptySubsequences: true)
        guard let scheme = parts.first else { return nil }
        // The scheme is case-insensitive; only `Bearer` is ours to judge.
        guard scheme.utf8.count == 6, scheme.lowercased() == "bearer" else { return nil }
        guard parts.count == 2 else { throw .invalidToken(TokenError.malformed.description) }
        return String(parts[1])
    }

    /// The verified user of the request, or `nil` for an anonymous request.
    public static func user(of request: Request, verifier: any AccessTokenVerifying) async throws(HTTPProblem) -> AuthenticatedUser? {
        guard let token = try token(from: request.headers[.authorization]) else { return nil }
        do {
            return try await verifier.verify(token)
        } catch .keysUnavailable {
            throw .unavailable(TokenError.keysUnavailable.description, retryAfter: 1)
        } catch {
            throw .invalidToken(error.description)
        }
    }
}
