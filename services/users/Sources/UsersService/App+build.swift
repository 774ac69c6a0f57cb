import Foundation
import Hummingbird
import InkwellEvents
import InkwellPasswords
import InkwellPostgres
import InkwellServiceKit
import Logging
import Prometheus

/// The users service's composition root.
public enum UsersApp {
    public static let schema = "users"

    /// The migrations shipped with the service (Migrations/*.sql).
    public static func migrations() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else { return [] }
        return try Migration.load(directory: directory)
    }

    public static func buildApplication(configuration: UsersConfiguration, registry: PrometheusCollectorRegistry, logger: Logger) throws -> some ApplicationProtocol {
        let platform = try PlatformServices(common: configuration.common, database: configuration.database, schema: schema, migrations: try migrations(), logger: logger)
        let users = PostgresUserRepository(postgres: platform.postgres, outbox: platform.outboxSignal, topicPrefix: configuration.common.kafkaTopicPrefix)
        let hasher = PasswordHasher()

        return InkwellApplication.make(
            common: configuration.common, registry: registry, logger: logger,
            readiness: platform.readinessChecks, services: platform.services,
            uniqueConstraintFields: ["users_username_key": "username", "users_email_key": "email"]
        ) { routes in
            AuthController(users: users, hasher: hasher, bootstrapAdminEmail: configuration.bootstrapAdminEmail).register(on: routes)
            UsersController(users: users).register(on: routes)
        }
    }

    /// `inkwell-users serve`.
    public static func serve(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let configuration = try UsersConfiguration(environment: environment)
        let registry = Observability.bootstrap(configuration.common)
        let logger = Observability.logger(configuration.common)
        let app = try buildApplication(configuration: configuration, registry: registry, logger: logger)
        try await app.runService()
    }

    /// `inkwell-users migrate`.
    public static func migrate(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let database = try UsersConfiguration.database(environment: environment)
        let logger = Logger(label: "inkwell.users.migrate")
        try await PlatformServices.migrate(database: database, schema: schema, migrations: try migrations(), logger: logger)
    }
}
