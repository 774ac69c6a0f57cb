import Foundation
import InkwellDataKit
import InkwellPostgres
import InkwellServiceKit

/// The comments service's environment (OPERATIONS.md), validated at start: the data service's
/// settings plus `JWKS_URL` and `CURSOR_SECRET`.
public struct CommentsConfiguration: Sendable {
    public var common: CommonConfiguration
    public var database: PostgresConfiguration
    /// `JWKS_URL`: the users service's `/.well-known/jwks.json`, to verify access tokens.
    public var jwksURL: String
    /// `CURSOR_SECRET`: signs the lists' keyset cursors (the same on every replica).
    public var cursors: CursorCodec

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try self.init(env: EnvironmentConfiguration(environment: environment))
    }

    /// Reads from `env` (which records every variable read, for `config`).
    public init(env: EnvironmentConfiguration) throws {
        var jwksURL = ""
        var cursors = CursorCodec(secret: CursorCodec.developmentSecret)
        let data = try DataServiceConfiguration(serviceName: CommentsApp.schema, defaultPort: CommentsApp.defaultPort, env: env) { env in
            jwksURL = JWKSVerification.jwksURL(from: env)
            cursors = CursorCodec(configuration: env)
        }
        common = data.common
        database = data.database
        self.jwksURL = jwksURL
        self.cursors = cursors
    }
}
