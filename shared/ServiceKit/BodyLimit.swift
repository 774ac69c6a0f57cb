import Hummingbird

/// Refuses a body whose declared length is over the limit before reading it (413), so an
/// oversized upload costs nothing; bodies without a length are limited while they are collected.
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = InkwellRequestContext
    let limit: @Sendable (Request) -> Int

    public init(limit: @escaping @Sendable (Request) -> Int = { _ in InkwellLimits.jsonBody }) {
        self.limit = limit
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let max = limit(request)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > max {
            throw HTTPProblem(.contentTooLarge, detail: "The request body is larger than \(max) bytes.")
        }
        return try await next(request, context)
    }
}
