import Hummingbird
import InkwellServiceKit

/// Answers a `GET`/`HEAD` that no route matches with the site's 404 page (HTML, status 404),
/// except under the API's prefixes (`/api/`, `/.well-known/`, `/health/`, `/metrics`,
/// `/internal/`), which keep their problem+json 404.
///
/// Added after every route: Hummingbird gives a route the middleware added before it, and the
/// router's not-found answer all of them, so this wraps only the not-found answer.
struct SiteNotFoundMiddleware: RouterMiddleware {
    typealias Context = InkwellRequestContext
    let pages: PagesController

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard request.method == .get || request.method == .head, !Self.isAPIPath(request.uri.path) else { throw error }
            return await pages.notFoundPage(head: request.method == .head, context: context)
        }
    }

    static func isAPIPath(_ path: String) -> Bool {
        for prefix in ["/api/", "/.well-known/", "/health/", "/internal/"] where path.hasPrefix(prefix) { return true }
        return path == "/api" || path == "/metrics" || path.hasPrefix("/metrics/")
    }
}
