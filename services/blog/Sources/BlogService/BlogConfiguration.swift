import Foundation
import InkwellPostgres
import InkwellServiceKit

/// The blog service's environment (OPERATIONS.md), validated at start.
public struct BlogConfiguration: Sendable {
    public var common: CommonConfiguration
    public var database: PostgresConfiguration

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let env = EnvironmentConfiguration(environment: environment)
        common = CommonConfiguration(serviceName: "blog", env: env, defaultPort: 8082)
        let database = env.postgres(applicationName: "inkwell-blog")
        try env.validate()
        self.database = database!
    }
}
