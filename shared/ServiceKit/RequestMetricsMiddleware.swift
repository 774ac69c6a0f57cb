import Hummingbird
import Metrics

/// Request metrics by route, method and final status, with the names and dimensions of
/// Hummingbird's `MetricsMiddleware` (`hb.requests`, `http.server.request.duration`,
/// `hb.request.errors`, `http.server.active_requests`), so `/metrics` and its dashboards are
/// unchanged.
///
/// Why not Hummingbird's: it records after the body is written by wrapping the body in a
/// closure, which turns a one-buffer body (a page, any JSON answer) into a streamed one, so the
/// server writes the head and the body separately: two socket writes and two hops to the event
/// loop per response instead of one. This one records when the handler's response is complete
/// (the duration is the time to produce it; writing is the event loop's) and leaves the body as
/// it is. The metric objects are made once per route, method and status (``RequestMetrics``).
public struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: RequestMetrics

    /// - Parameter metrics: where the metrics are kept (by default made by the bootstrapped system).
    public init(metrics: RequestMetrics = RequestMetrics()) {
        self.metrics = metrics
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let active = metrics.active(method: request.method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request, context)
            let endpoint = metrics.endpoint(route: context.endpointPath ?? "Unknown", method: request.method, status: response.status)
            endpoint.requests.increment()
            endpoint.duration.recordNanoseconds(Self.nanoseconds(start.duration(to: .now)))
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            let endpoint = metrics.endpoint(route: context.endpointPath ?? "NotFound", method: request.method, status: status)
            endpoint.requests.increment()
            endpoint.errors.increment()
            throw error
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }
}
