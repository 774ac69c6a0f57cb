import Foundation
import InkwellPostgres
import Logging

/// A service that owns a schema and publishes through the outbox, before it has routes of its
/// own (blog and comments today): configuration, migrations, the platform services, `/health`
/// and `/metrics`. A service with a domain builds its own application instead.
public struct DataService: Sendable {
    public let name: String
    public let defaultPort: Int
    let migrations: @Sendable () throws -> [Migration]

    /// - Parameter migrations: the service's own migration files (its `Bundle.module`).
    public init(name: String, defaultPort: Int, migrations: @escaping @Sendable () throws -> [Migration]) {
        self.name = name
        self.defaultPort = defaultPort
        self.migrations = migrations
    }

    /// The schema is named after the service (OPERATIONS.md: one schema and role per service).
    public var schema: String { name }

    /// `inkwell-<name> serve`.
    public func serve(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let env = EnvironmentConfiguration(environment: environment)
        let common = CommonConfiguration(serviceName: name, env: env, defaultPort: defaultPort)
        let database = env.postgres(applicationName: "inkwell-\(name)")
        try env.validate()
        let registry = Observability.bootstrap(common)
        let logger = Observability.logger(common)
        let platform = try PlatformServices(common: common, database: database!, schema: schema, migrations: try migrations(), logger: logger)
        let app = InkwellApplication.make(
            common: common, registry: registry, logger: logger,
            readiness: platform.readinessChecks, services: platform.services
        ) { _ in }
        try await app.runService()
    }

    /// `inkwell-<name> migrate`: needs only `DATABASE_URL`.
    public func migrate(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let env = EnvironmentConfiguration(environment: environment)
        let database = env.postgres(applicationName: "inkwell-\(name)-migrate")
        try env.validate()
        try await PlatformServices.migrate(database: database!, schema: schema, migrations: try migrations(), logger: Logger(label: "inkwell.\(name).migrate"))
    }
}

extension Migration {
    /// The migration files a service ships as its `Migrations` resource directory.
    public static func load(resourcesOf bundle: Bundle) throws -> [Migration] {
        guard let directory = bundle.url(forResource: "Migrations", withExtension: nil) else { return [] }
        return try load(directory: directory)
    }
}
