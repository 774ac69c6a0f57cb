import Hummingbird
import InkwellAuth

/// Authenticates every request it wraps: a valid bearer token puts its user into
/// ``InkwellRequestContext/user``; a request without one passes as anonymous (`user == nil`), and
/// the routes that need a user say so (``InkwellRequestContext/requireUser()``,
/// ``AuthRequirementMiddleware``).
///
/// A token that was sent but is bad is 401 on every route, public ones too (RFC 6750 §3.1): a
/// client that believes it is signed in learns at once that it is not, instead of silently
/// getting the anonymous view. See ``BearerAuthentication`` for the exact answers.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = InkwellRequestContext
    let verifier: any AccessTokenVerifying

    public init(verifier: any AccessTokenVerifying) {
        self.verifier = verifier
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.user = try await BearerAuthentication.user(of: request, verifier: verifier)
        return try await next(request, context)
    }
}
