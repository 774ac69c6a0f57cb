import Foundation
import Hummingbird
import InkwellContracts
import InkwellFileSink
import InkwellHTTPClient
import InkwellKafka
import InkwellServiceKit
import Logging
import Prometheus
import ServiceLifecycle

/// The gateway's composition root.
public enum GatewayApp {
    public static func buildApplication(configuration: GatewayConfiguration, registry: PrometheusCollectorRegistry, logger: Logger) throws -> some ApplicationProtocol {
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.defaultTimeout = configuration.upstreamTimeout
        let client = HTTPClient(configuration: clientConfiguration, logger: logger)
        let upstreams = UpstreamClient(transport: client, configuration: configuration)
        // The gateway publishes nothing; a producer handle is its way to ask the cluster for
        // metadata, so readiness reflects whether the broker it will consume from is reachable.
        let broker = try KafkaProducer(
            configuration: KafkaProducerConfiguration(brokers: configuration.common.kafkaBrokers, clientId: "inkwell-gateway"),
            logger: logger
        )
        // The cache is off until its invalidation reader has every partition (it then goes live).
        let cache = ResponseCache(configuration: configuration.cache, live: false)
        var services: [any Service] = [HTTPClientService(client: client), broker]
        if cache.isEnabled {
            let common = configuration.common
            services.append(CacheInvalidationService(
                cache: cache, brokers: common.kafkaBrokers,
                topics: EventTopic.allCases.map { $0.name(prefix: common.kafkaTopicPrefix) },
                clientId: "inkwell-gateway-cache-\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)",
                logger: logger
            ))
        }
        return application(
            common: configuration.common, registry: registry, logger: logger,
            readiness: [ReadinessCheck("broker") { await broker.isReachable(timeout: .seconds(2)) }],
            services: services,
            upstreams: upstreams, publicBaseURL: configuration.publicBaseURL,
            site: SiteFileServer(location: configuration.pagesSink, httpClient: client),
            cache: cache.isEnabled ? cache : nil
        )
    }

    /// The gateway's HTTP application over `upstreams`: the composed routes and the proxied
    /// public paths of the services on the one router (its most specific match decides between
    /// them), body limits per route group, and the reading site and media of `site` (the pages
    /// sink), with the site's 404 page for the GET of any other path outside the API. Composed
    /// reads use `reads` (by default the services' internal endpoints through `upstreams`), send
    /// redirects to `publicBaseURL` (by default the same path here), and go through `cache` when
    /// there is one, as do the passed-through public reads.
    public static func application(
        common: CommonConfiguration, registry: PrometheusCollectorRegistry, logger: Logger,
        readiness: [ReadinessCheck], services: [any Service], upstreams: UpstreamClient,
        reads: (any ServiceReads)? = nil, publicBaseURL: String = "",
        site: SiteFileServer? = nil, cache: ResponseCache? = nil
    ) -> some ApplicationProtocol {
        let composer = ReadComposer(upstreams: upstreams, reads: reads ?? UpstreamReads(upstreams: upstreams), publicBaseURL: publicBaseURL)
        return InkwellApplication.make(
            common: common, registry: registry, logger: logger, readiness: readiness, services: services,
            bodyLimit: nil  // ProxyController's route groups set theirs
        ) { routes in
            ProfileController(composer: composer, cache: cache).register(on: routes)
            ComposedReadsController(composer: composer, cache: cache).register(on: routes.router)
            ProxyController(upstreams: upstreams, cache: cache).register(on: routes.router)
            if let site {
                let pages = PagesController(server: site)
                pages.register(on: routes)
                // Last: it wraps only the router's not-found answer (see SiteNotFoundMiddleware).
                routes.router.add(middleware: SiteNotFoundMiddleware(pages: pages))
            }
        }
    }

    /// `inkwell-gateway serve`.
    public static func serve(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let configuration = try GatewayConfiguration(environment: environment)
        let registry = Observability.bootstrap(configuration.common)
        let logger = Observability.logger(configuration.common)
        try await buildApplication(configuration: configuration, registry: registry, logger: logger).runService()
    }
}
