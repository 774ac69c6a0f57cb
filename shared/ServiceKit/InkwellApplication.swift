import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Assembles a service's HTTP application: Inkwell's edge middleware, `/health/*` and `/metrics`,
/// bearer-token authentication when given a verifier (``AuthMiddleware``: health and metrics are
/// public routes, so a bad token is 401 there too), the service's own routes (with 405 for wrong
/// methods), and its long-running services, which
/// the application's `ServiceGroup` starts in order before the server and stops in reverse.
public enum InkwellApplication {
    public static func make(
        common: CommonConfiguration,
        registry: PrometheusCollectorRegistry,
        logger: Logger,
        readiness: [ReadinessCheck],
        services: [any Service],
        bodyLimit: Int? = InkwellLimits.jsonBody,
        authentication: (any AccessTokenVerifying)? = nil,
        routes register: (RouteTable) throws -> Void
    ) rethrows -> some ApplicationProtocol {
        let router = Router.inkwell(bodyLimit: bodyLimit, authentication: authentication, tracing: common.tracesExported)
        let routes = RouteTable(router: router)
        HealthController(checks: readiness).register(on: routes)
        MetricsController(registry: registry).register(on: routes)
        try register(routes)
        routes.finish()
        return Application(
            router: router,
            // An idle/read timeout: a client that stops sending mid-request, or keeps an idle
            // connection, is cut off instead of holding a connection forever.
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(common.httpIdleTimeout.components.seconds)))),
            configuration: .init(address: .hostname(common.httpHost, port: common.httpPort), serverName: "inkwell-\(common.serviceName)"),
            services: services,
            logger: logger
        )
    }
}
