import Foundation
import InkwellPostgres
import InkwellServiceKit

/// What every data-owning service reads from its environment (OPERATIONS.md): the common
/// settings and `DATABASE_URL`/`DATABASE_POOL_SIZE`, validated at start (every bad or missing
/// variable reported at once). A service with more settings reads them in `extra`, from the same
/// environment, so they are validated together.
public struct DataServiceConfiguration: Sendable {
    public var common: CommonConfiguration
    public var database: PostgresConfiguration

    public init(
        serviceName: String, defaultPort: Int,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        extra: (EnvironmentConfiguration) -> Void = { _ in }
    ) throws {
        try self.init(serviceName: serviceName, defaultPort: defaultPort, env: EnvironmentConfiguration(environment: environment), extra: extra)
    }

    /// Reads from `env` (which records every variable read, for `config`).
    public init(serviceName: String, defaultPort: Int, env: EnvironmentConfiguration, extra: (EnvironmentConfiguration) -> Void = { _ in }) throws {
        common = CommonConfiguration(serviceName: serviceName, env: env, defaultPort: defaultPort)
        let database = env.postgres(applicationName: "inkwell-\(serviceName)")
        extra(env)
        try env.validate()
        self.database = database!
    }

    /// Only `DATABASE_URL` (and the pool size): what the `migrate` and other admin subcommands need.
    public static func database(serviceName: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresConfiguration {
        try database(serviceName: serviceName, env: EnvironmentConfiguration(environment: environment))
    }

    /// ``database(serviceName:environment:)`` reading from `env`.
    public static func database(serviceName: String, env: EnvironmentConfiguration) throws -> PostgresConfiguration {
        let database = env.postgres(applicationName: "inkwell-\(serviceName)-admin")
        try env.validate()
        return database!
    }
}
