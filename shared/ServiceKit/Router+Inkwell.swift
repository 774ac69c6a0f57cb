import Hummingbird
import Logging

extension Router where Context == InkwellRequestContext {
    /// A router with Inkwell's edge middleware, outermost first: request id and trace context,
    /// metrics (route, method, final status), problem+json for every error, the body limit, and a
    /// log line per request.
    public static func inkwell(
        bodyLimit: @escaping @Sendable (Request) -> Int = { _ in InkwellLimits.jsonBody }
    ) -> Router<InkwellRequestContext> {
        let router = Router(context: InkwellRequestContext.self)
        router.add(middleware: RequestIdMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: BodyLimitMiddleware(limit: bodyLimit))
        router.add(middleware: LogRequestsMiddleware(.debug))
        return router
    }
}
