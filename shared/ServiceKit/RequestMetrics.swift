import HTTPTypes
import Metrics
import Synchronization

/// The metric objects of ``RequestMetricsMiddleware``, made on first use of each method and of
/// each route, method and status, then shared: creating a swift-metrics `Counter` asks the
/// factory (a registry lookup under its lock) and must not happen per request.
public final class RequestMetrics: Sendable {
    /// The metrics of one route, method and status.
    public struct Endpoint: Sendable {
        public let requests: Counter
        public let duration: Timer
        public let errors: Counter
    }

    struct EndpointKey: Hashable {
        let route: String
        let method: HTTPRequest.Method
        let status: Int
    }

    private let endpoints = Mutex<[EndpointKey: Endpoint]>([:])
    private let actives = Mutex<[HTTPRequest.Method: Meter]>([:])
    /// The factory of the metrics; `nil`: the bootstrapped system's, when a metric is first made.
    private let factory: (any MetricsFactory)?

    public init(factory: (any MetricsFactory)? = nil) {
        self.factory = factory
    }

    /// The in-flight requests gauge of `method` (`http.server.active_requests`).
    public func active(method: HTTPRequest.Method) -> Meter {
        actives.withLock { actives in
            if let meter = actives[method] { return meter }
            let meter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)], factory: factory ?? MetricsSystem.factory)
            actives[method] = meter
            return meter
        }
    }

    /// The counters and timer of `route`, `method` and `status`.
    public func endpoint(route: String, method: HTTPRequest.Method, status: HTTPResponse.Status) -> Endpoint {
        let key = EndpointKey(route: route, method: method, status: status.code)
        return endpoints.withLock { endpoints in
            if let endpoint = endpoints[key] { return endpoint }
            let code = String(status.code)
            let factory = self.factory ?? MetricsSystem.factory
            let dimensions = [("http.route", route), ("http.request.method", method.rawValue), ("http.response.status_code", code)]
            let endpoint = Endpoint(
                requests: Counter(label: "hb.requests", dimensions: dimensions, factory: factory),
                duration: Timer(label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds, factory: factory),
                errors: Counter(label: "hb.request.errors", dimensions: [("http.route", route), ("http.request.method", method.rawValue), ("error.type", code)], factory: factory)
            )
            endpoints[key] = endpoint
            return endpoint
        }
    }
}
