import Hummingbird
import InkwellAuth
import InkwellServiceKit

/// Verifies `Authorization: Bearer` on the users service's own routes with its own keys
/// (no JWKS round trip). Missing, malformed, expired or foreign tokens get 401 with
/// `WWW-Authenticate: Bearer`; the problem names the reason with a fixed phrase, never the token.
public struct Authenticator: Sendable {
    let keyRing: KeyRing

    public init(keyRing: KeyRing) { self.keyRing = keyRing }

    public func authenticate(_ request: Request) async throws(HTTPProblem) -> AuthenticatedUser {
        guard let header = request.headers[.authorization], !header.isEmpty else { throw .unauthorized(TokenError.missing.description) }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw .unauthorized(TokenError.malformed.description) }
        do {
            return try await keyRing.verify(String(parts[1]).trimmingCharacters(in: .whitespaces))
        } catch .keysUnavailable {
            throw .unavailable(TokenError.keysUnavailable.description, retryAfter: 1)
        } catch {
            throw .unauthorized(error.description)
        }
    }
}
