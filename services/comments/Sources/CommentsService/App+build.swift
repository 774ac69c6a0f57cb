import Foundation
import InkwellPostgres
import InkwellServiceKit
import Logging
import Prometheus

/// The comments service's composition root.
public enum CommentsApp {
    public static let schema = "comments"

    /// The migrations shipped with the service (Migrations/*.sql).
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else { return [] }
        return try Migration.load(directory: directory)
    }

    public static func serve(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let configuration = try CommentsConfiguration(environment: environment)
        let registry = Observability.bootstrap(configuration.common)
        let logger = Observability.logger(configuration.common)
        let platform = try PlatformServices(common: configuration.common, database: configuration.database, schema: schema, migrations: try migrations(), logger: logger)
        let app = InkwellApplication.make(
            common: configuration.common, registry: registry, logger: logger,
            readiness: platform.readinessChecks, services: platform.services
        ) { _ in }
        try await app.runService()
    }

    public static func migrate(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let env = EnvironmentConfiguration(environment: environment)
        let database = env.postgres(applicationName: "inkwell-comments-migrate")
        try env.validate()
        try await PlatformServices.migrate(database: database!, schema: schema, migrations: try migrations(), logger: Logger(label: "inkwell.comments.migrate"))
    }
}
