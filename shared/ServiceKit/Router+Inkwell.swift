import Hummingbird
import Logging

extension Router where Context == InkwellRequestContext {
    /// A router with Inkwell's edge middleware, outermost first: (given `tracing`) a server span
    /// per request continued from `traceparent` (Hummingbird's `TracingMiddleware`), request id,
    /// metrics (route, method, final status), problem+json for every error, 400 for unsafe paths
    /// (dot segments, encoded slashes: ``SafePathMiddleware``), the body limit, a log line per
    /// request, and (given a verifier) bearer-token authentication (``AuthMiddleware``).
    /// - Parameter bodyLimit: the body limit of every route; nil when the service's route groups
    ///   set their own with ``BodyLimitMiddleware`` (the gateway: media 5 MiB, the rest 1 MiB).
    /// - Parameter authentication: verifies bearer tokens into ``InkwellRequestContext/user``;
    ///   nil when the service authenticates route by route (users) or not at all (gateway).
    /// - Parameter tracing: spans are exported (``CommonConfiguration/tracesExported``); without,
    ///   the tracing middleware is left out, so a request costs nothing for tracing.
    public static func inkwell(
        bodyLimit: Int? = InkwellLimits.jsonBody,
        authentication: (any AccessTokenVerifying)? = nil,
        tracing: Bool = false
    ) -> Router<InkwellRequestContext> {
        let router = Router(context: InkwellRequestContext.self)
        if tracing { router.add(middleware: TracingMiddleware()) }
        router.add(middleware: RequestIdMiddleware())
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: SafePathMiddleware())
        if let bodyLimit { router.add(middleware: BodyLimitMiddleware(bodyLimit)) }
        router.add(middleware: LogRequestsMiddleware(.debug))
        if let authentication { router.add(middleware: AuthMiddleware(verifier: authentication)) }
        return router
    }
}
