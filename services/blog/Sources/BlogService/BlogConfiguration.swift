import Foundation
import InkwellDataKit
import InkwellPostgres
import InkwellServiceKit

/// The blog service's environment (OPERATIONS.md), validated at start: the data service's
/// settings plus `JWKS_URL`.
public struct BlogConfiguration: Sendable {
    public var common: CommonConfiguration
    public var database: PostgresConfiguration
    /// `JWKS_URL`: the users service's `/.well-known/jwks.json`, to verify access tokens.
    public var jwksURL: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var jwksURL = ""
        let data = try DataServiceConfiguration(serviceName: BlogApp.schema, defaultPort: BlogApp.defaultPort, environment: environment) { env in
            jwksURL = JWKSVerification.jwksURL(from: env)
        }
        common = data.common
        database = data.database
        self.jwksURL = jwksURL
    }
}
