import Foundation
import InkwellAuth
import InkwellDataKit
import InkwellPostgres
import InkwellServiceKit

/// The blog service's environment (OPERATIONS.md), validated at start: the data service's
/// settings plus `JWKS_URL` and `CURSOR_SECRET`.
public struct BlogConfiguration: Sendable {
    public var common: CommonConfiguration
    public var database: PostgresConfiguration
    /// `JWKS_URL`: the users service's `/.well-known/jwks.json`, to verify access tokens.
    public var jwksURL: String
    /// `CURSOR_SECRET`: the key of the list cursors, the same on every replica.
    public var cursors: CursorCodec

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var jwksURL: String?
        var cursors: CursorCodec?
        let data = try DataServiceConfiguration(serviceName: BlogApp.schema, defaultPort: BlogApp.defaultPort, environment: environment) { env in
            jwksURL = env.url("jwks.url", required: true)
            cursors = CursorCodec(configuration: env)
        }
        common = data.common
        database = data.database
        self.jwksURL = jwksURL!
        self.cursors = cursors!
    }

    /// How the blog verifies bearer tokens.
    public var tokenVerifier: TokenVerifierConfiguration {
        TokenVerifierConfiguration(jwksURL: jwksURL, issuer: TokenVerifierConfiguration.usersIssuer)
    }
}
