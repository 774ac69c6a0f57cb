import Foundation
import Hummingbird
import InkwellAuth
import InkwellDataKit
import InkwellHTTPClient
import InkwellPostgres
import InkwellServiceKit
import Logging
import Prometheus

/// The blog service's composition root: its schema and migrations, the data platform (pool,
/// producer, outbox relay) and its routes.
public enum BlogApp {
    public static let schema = "blog"
    public static let defaultPort = 8082

    /// The migrations shipped with the service (Migrations/*.sql).
    public static func migrations() throws -> [Migration] {
        try Migration.load(resourcesOf: .module)
    }

    public static func buildApplication(configuration: BlogConfiguration, platform: DataPlatform, registry: PrometheusCollectorRegistry, logger: Logger) -> some ApplicationProtocol {
        let http = HTTPClient(logger: logger)
        let tokens = TokenVerifier(configuration: configuration.tokenVerifier, httpClient: http, logger: logger)
        let queries = PostgresPostQueries(postgres: platform.postgres)
        return InkwellApplication.make(
            common: configuration.common, registry: registry, logger: logger,
            readiness: platform.readinessChecks,
            services: platform.services + [HTTPClientService(client: http)],
            authentication: tokens
        ) { routes in
            SearchController(queries: queries, cursors: configuration.cursors).register(on: routes)
            TagsController(queries: queries).register(on: routes)
            InternalPostsController(queries: queries, cursors: configuration.cursors).register(on: routes)
        }
    }

    /// `inkwell-blog serve`.
    public static func serve(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let configuration = try BlogConfiguration(environment: environment)
        try await DataPlatform.serve(common: configuration.common, database: configuration.database, schema: schema, migrations: try migrations()) { platform, registry, logger in
            buildApplication(configuration: configuration, platform: platform, registry: registry, logger: logger)
        }
    }

    /// `inkwell-blog migrate`.
    public static func migrate(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let database = try DataServiceConfiguration.database(serviceName: schema, environment: environment)
        try await DataPlatform.migrate(database: database, schema: schema, migrations: try migrations(), logger: Logger(label: "inkwell.blog.migrate"))
    }
}
