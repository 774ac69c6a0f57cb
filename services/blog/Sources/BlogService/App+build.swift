import Foundation
import Hummingbird
import InkwellDataKit
import InkwellFileSink
import InkwellHTTPClient
import InkwellPostgres
import InkwellServiceKit
import Logging
import Prometheus
import ServiceLifecycle

/// The blog service's composition root: its schema and migrations, the data platform (pool,
/// producer, outbox relay) and its routes.
public enum BlogApp {
    public static let schema = "blog"
    public static let defaultPort = 8082

    /// The migrations shipped with the service (Migrations/*.sql).
    public static func migrations() throws -> [Migration] {
        try Migration.load(resourcesOf: .module)
    }

    /// Body limits are per route group (media 5 MiB, ``MediaController``), so there is no
    /// router-wide one; every other route reads at most the context's default, 1 MiB
    /// (``InkwellLimits/jsonBody``, 413 beyond), and the gateway refuses a larger declared length first.
    /// - Parameter background: the consumer and scheduler (``backgroundServices(configuration:platform:logger:)``),
    ///   started after the platform's services; none in tests of the routes alone.
    public static func buildApplication(
        configuration: BlogConfiguration, platform: DataPlatform, registry: PrometheusCollectorRegistry, logger: Logger, background: [any Service] = []
    ) -> some ApplicationProtocol {
        let http = HTTPClient(logger: logger)
        let media = MediaStore(sink: configuration.mediaSink.makeSink(httpClient: http, logger: logger))
        logger.info("media sink", metadata: ["media_sink": "\(configuration.mediaSink)"])
        return InkwellApplication.make(
            common: configuration.common, registry: registry, logger: logger,
            readiness: platform.readinessChecks,
            services: platform.services + [HTTPClientService(client: http)] + background,
            bodyLimit: nil,
            authentication: JWKSVerification.verifier(jwksURL: configuration.jwksURL, httpClient: http, logger: logger)
        ) { routes in
            let posts = PostgresPostRepository(units: platform.units, renderer: MarkdownPostBodyRenderer())
            PostsController(posts: posts, cursors: configuration.cursors, cache: PublishedReadCache()).register(on: routes)
            MediaController(store: media).register(on: routes.router)
            let queries = PostgresPostQueries(postgres: platform.postgres)
            SearchController(queries: queries, cursors: configuration.cursors).register(on: routes)
            TagsController(queries: queries).register(on: routes)
            InternalPostsController(queries: queries, cursors: configuration.cursors).register(on: routes)
        }
    }

    /// `inkwell-blog serve`.
    public static func serve(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let configuration = try BlogConfiguration(environment: environment)
        try await DataPlatform.serve(common: configuration.common, database: configuration.database, schema: schema, migrations: try migrations()) { platform, registry, logger in
            buildApplication(
                configuration: configuration, platform: platform, registry: registry, logger: logger,
                background: try backgroundServices(configuration: configuration, platform: platform, logger: logger))
        }
    }

    /// The blog's work besides requests: the users.events consumer (group `blog`: the authors
    /// projection and erasures) and the scheduler of due posts.
    public static func backgroundServices(configuration: BlogConfiguration, platform: DataPlatform, logger: Logger) throws -> [any Service] {
        let consumer = try platform.eventConsumer(
            common: configuration.common, topics: consumedTopics, handlers: eventHandlers(platform.eventHandlerDependencies), logger: logger)
        return [consumer, PostScheduler(units: platform.units, logger: logger)]
    }

    /// `inkwell-blog migrate`.
    public static func migrate(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let database = try DataServiceConfiguration.database(serviceName: schema, environment: environment)
        try await DataPlatform.migrate(database: database, schema: schema, migrations: try migrations(), logger: Logger(label: "inkwell.blog.migrate"))
    }
}
