import Foundation
import Hummingbird
import InkwellDataKit
import InkwellHTTPClient
import InkwellPostgres
import InkwellServiceKit
import Logging
import Prometheus
import ServiceLifecycle

/// The comments service's composition root: its schema and migrations, the data platform (pool,
/// producer, outbox relay) and its routes.
public enum CommentsApp {
    public static let schema = "comments"
    public static let defaultPort = 8083

    /// The migrations shipped with the service (Migrations/*.sql).
    public static func migrations() throws -> [Migration] {
        try Migration.load(resourcesOf: .module)
    }

    /// - Parameter background: the consumer (``backgroundServices(configuration:platform:logger:)``),
    ///   started after the platform's services; none in tests of the routes alone.
    public static func buildApplication(
        configuration: CommentsConfiguration, platform: DataPlatform, registry: PrometheusCollectorRegistry, logger: Logger, background: [any Service] = []
    ) -> some ApplicationProtocol {
        let http = HTTPClient(logger: logger)
        let comments = PostgresCommentRepository(units: platform.units)
        let counts = PostgresCommentCountsRepository(postgres: platform.postgres)
        let limiter = RateLimiter(postgres: platform.postgres)
        return InkwellApplication.make(
            common: configuration.common, registry: registry, logger: logger,
            readiness: platform.readinessChecks,
            services: platform.services + [HTTPClientService(client: http)] + background,
            authentication: JWKSVerification.verifier(jwksURL: configuration.jwksURL, httpClient: http, logger: logger)
        ) { routes in
            CommentsController(comments: comments, counts: counts, limiter: limiter, cursors: configuration.cursors).register(on: routes)
            ModerationController(comments: comments, cursors: configuration.cursors).register(on: routes)
            InternalCommentsController(comments: comments).register(on: routes)
            InternalCountsController(counts: counts).register(on: routes)
        }
    }

    /// `inkwell-comments serve`.
    public static func serve(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let configuration = try CommentsConfiguration(environment: environment)
        try await DataPlatform.serve(common: configuration.common, database: configuration.database, schema: schema, migrations: try migrations()) { platform, registry, logger in
            buildApplication(
                configuration: configuration, platform: platform, registry: registry, logger: logger,
                background: try backgroundServices(configuration: configuration, platform: platform, logger: logger))
        }
    }

    /// `inkwell-comments migrate`.
    public static func migrate(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let database = try DataServiceConfiguration.database(serviceName: schema, environment: environment)
        try await DataPlatform.migrate(database: database, schema: schema, migrations: try migrations(), logger: Logger(label: "inkwell.comments.migrate"))
    }
}
