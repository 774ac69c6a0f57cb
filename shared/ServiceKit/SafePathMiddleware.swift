import Hummingbird

/// Answers 400 problem+json for a path that ``PathSafety`` refuses (dot segments, encoded
/// separators, backslashes, NUL), before any route's own middleware or handler runs.
///
/// Hummingbird resolves the route first and then runs the router's middleware chain around that
/// route's handler (or around the not-found answer); this middleware is near the top of that
/// chain, so whatever route such a path happened to match, nothing of it runs, and nothing is
/// forwarded or looked up with the path.
public struct SafePathMiddleware: RouterMiddleware {
    public typealias Context = InkwellRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let violation = PathSafety.violation(in: request.uri.path) {
            throw HTTPProblem(.badRequest, slug: "unsafe-path", detail: Self.detail(violation))
        }
        return try await next(request, context)
    }

    static func detail(_ violation: PathSafety.Violation) -> String {
        switch violation {
        case .dotSegment: "The path must not contain '.' or '..' segments, encoded or not."
        case .encodedSeparator: "The path must not contain an encoded '/' or '\\'."
        case .backslash: "The path must not contain a backslash."
        case .nul: "The path must not contain a NUL."
        case .malformedEncoding: "The path has a '%' that is not followed by two hex digits."
        case .tooDeeplyEncoded: "The path is percent-encoded too many times over."
        }
    }
}
