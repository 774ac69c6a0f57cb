import Hummingbird

/// The body limit of the routes it wraps: refuses a body whose declared length is over it before
/// reading it (413), so an oversized upload costs nothing, and sets it as the context's
/// ``InkwellRequestContext/maxUploadSize``, the most a handler collects of a body without a length.
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = InkwellRequestContext
    let limit: Int

    /// - Parameter limit: in bytes; one of ``InkwellLimits``.
    public init(_ limit: Int = InkwellLimits.jsonBody) {
        self.limit = limit
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw HTTPProblem(.contentTooLarge, detail: "The request body is larger than \(limit) bytes.")
        }
        var context = context
        context.maxUploadSize = limit
        return try await next(request, context)
    }
}
