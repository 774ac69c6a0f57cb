import Foundation
import InkwellPostgres
import InkwellServiceKit

/// The users service's environment (OPERATIONS.md), validated at start.
public struct UsersConfiguration: Sendable {
    public var common: CommonConfiguration
    public var database: PostgresConfiguration
    public var publicBaseURL: String
    public var bootstrapAdminEmail: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let env = EnvironmentConfiguration(environment: environment)
        common = CommonConfiguration(serviceName: "users", env: env, defaultPort: 8081)
        let database = env.postgres(applicationName: "inkwell-users")
        publicBaseURL = env.url("public.base.url", required: false, default: "http://127.0.0.1:8080") ?? ""
        bootstrapAdminEmail = env.optionalString("bootstrap.admin.email")?.lowercased()
        try env.validate()
        self.database = database!
    }

    /// Only what `migrate` needs.
    public static func database(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresConfiguration {
        let env = EnvironmentConfiguration(environment: environment)
        let database = env.postgres(applicationName: "inkwell-users-migrate")
        try env.validate()
        return database!
    }
}
