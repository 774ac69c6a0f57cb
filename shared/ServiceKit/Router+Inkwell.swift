import Hummingbird
import Logging

extension Router where Context == InkwellRequestContext {
    /// A router with Inkwell's edge middleware, outermost first: request id and trace context,
    /// metrics (route, method, final status), problem+json for every error, 400 for unsafe paths
    /// (dot segments, encoded slashes: ``SafePathMiddleware``), the body limit, and a log line
    /// per request.
    /// - Parameter bodyLimit: the body limit of every route; nil when the service's route groups
    ///   set their own with ``BodyLimitMiddleware`` (the gateway: media 5 MiB, the rest 1 MiB).
    public static func inkwell(
        bodyLimit: Int? = InkwellLimits.jsonBody
    ) -> Router<InkwellRequestContext> {
        let router = Router(context: InkwellRequestContext.self)
        router.add(middleware: RequestIdMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: SafePathMiddleware())
        if let bodyLimit { router.add(middleware: BodyLimitMiddleware(bodyLimit)) }
        router.add(middleware: LogRequestsMiddleware(.debug))
        return router
    }
}
