import Foundation
import InkwellDataKit
import InkwellPostgres
import InkwellServiceKit

/// The comments service's environment (OPERATIONS.md), validated at start: every bad or missing
/// variable is reported at once.
public struct CommentsConfiguration: Sendable {
    public var common: CommonConfiguration
    public var database: PostgresConfiguration

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let env = EnvironmentConfiguration(environment: environment)
        common = CommonConfiguration(serviceName: "comments", env: env, defaultPort: 8083)
        let database = env.postgres(applicationName: "inkwell-comments")
        try env.validate()
        self.database = database!
    }

    /// Only `DATABASE_URL` (and the pool size): what the `migrate` subcommand needs.
    public static func database(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresConfiguration {
        let env = EnvironmentConfiguration(environment: environment)
        let database = env.postgres(applicationName: "inkwell-comments-migrate")
        try env.validate()
        return database!
    }
}
