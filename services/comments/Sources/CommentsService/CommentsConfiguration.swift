import Foundation
import InkwellPostgres
import InkwellServiceKit

/// The comments service's environment (OPERATIONS.md), validated at start.
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
}
