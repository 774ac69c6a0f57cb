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
    /// The HTTP port when `HTTP_PORT` is unset.
    public static let defaultPort = 8080
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
        // The reading site: rendered from events by one replica per page (group `gateway`).
        let files = configuration.pagesSink.makeSink(httpClient: client, logger: logger)
        let pages = PagesConsumer(
            consumer: try KafkaConsumer(
                configuration: PagesConsumer.configuration(brokers: configuration.common.kafkaBrokers, topicPrefix: configuration.common.kafkaTopicPrefix),
                logger: logger
            ),
            builder: siteBuilder(configuration: configuration, upstreams: upstreams, files: files, logger: logger),
            directoryRoot: configuration.pagesSink.directoryRoot,
            logger: logger
        )
        var services: [any Service] = [HTTPClientService(client: client), broker, pages]
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

    /// The page renderer of `configuration` over the services' internal reads.
    public static func siteBuilder(configuration: GatewayConfiguration, upstreams: UpstreamClient, files: any FileSink, logger: Logger) -> SiteBuilder {
        SiteBuilder(reads: UpstreamReads(upstreams: upstreams), sink: files, site: SiteIdentity(name: configuration.siteName, baseURL: configuration.publicBaseURL), logger: logger)
    }

    /// `inkwell-gateway rebuild-pages`: every page from the services' current data, stale
    /// page files removed; prints what it did.
    public static func rebuildPages(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let configuration = try GatewayConfiguration(environment: environment)
        let logger = Observability.logger(configuration.common)
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.defaultTimeout = configuration.upstreamTimeout
        let client = HTTPClient(configuration: clientConfiguration, logger: logger)
        let upstreams = UpstreamClient(transport: client, configuration: configuration)
        let files = configuration.pagesSink.makeSink(httpClient: client, logger: logger)
        let builder = siteBuilder(configuration: configuration, upstreams: upstreams, files: files, logger: logger)
        let start = ContinuousClock.now
        let result: SiteBuilder.Rebuild
        do {
            result = try await builder.rebuild(directoryRoot: configuration.pagesSink.directoryRoot, call: .background(logger: logger))
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("rebuilt \(result.model.ordered.count) posts: \(result.outcome.written) files written, \(result.outcome.removed + result.staleRemoved) removed, \(result.outcome.refused) refused in \(seconds) s")
    }

    /// `inkwell-gateway serve`.
    public static func serve(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let configuration = try GatewayConfiguration(environment: environment)
        let registry = Observability.bootstrap(configuration.common)
        let logger = Observability.logger(configuration.common)
        let exporter = try OTLPTracing.bootstrap(configuration.common)
        try await OTLPTracing.run(try buildApplication(configuration: configuration, registry: registry, logger: logger), exporter: exporter, logger: logger)
    }
}
