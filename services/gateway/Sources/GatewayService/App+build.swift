import Foundation
import Hummingbird
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
        return application(
            common: configuration.common, registry: registry, logger: logger,
            readiness: [ReadinessCheck("broker") { await broker.isReachable(timeout: .seconds(2)) }],
            services: [HTTPClientService(client: client), broker],
            upstreams: upstreams,
            files: configuration.pagesSink.makeSink(httpClient: client, logger: logger)
        )
    }

    /// The gateway's HTTP application over `upstreams`: the composed routes and the proxied
    /// public paths of the services on the one router (its most specific match decides between
    /// them), body limits per route group, and the files of `files` (the pages sink) it serves.
    public static func application(
        common: CommonConfiguration, registry: PrometheusCollectorRegistry, logger: Logger,
        readiness: [ReadinessCheck], services: [any Service], upstreams: UpstreamClient,
        files: (any FileSink)? = nil
    ) -> some ApplicationProtocol {
        InkwellApplication.make(
            common: common, registry: registry, logger: logger, readiness: readiness, services: services,
            bodyLimit: nil  // ProxyController's route groups set theirs
        ) { routes in
            ProfileController(upstreams: upstreams).register(on: routes)
            if let files { MediaFilesController(files: files).register(on: routes) }
            ProxyController(upstreams: upstreams).register(on: routes.router)
        }
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
