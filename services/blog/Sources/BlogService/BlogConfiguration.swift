import Foundation
import InkwellDataKit
import InkwellFileSink
import InkwellPostgres
import InkwellServiceKit

/// The blog service's environment (OPERATIONS.md), validated at start: the data service's
/// settings plus `JWKS_URL`, `CURSOR_SECRET` and `MEDIA_SINK`.
public struct BlogConfiguration: Sendable {
    public var common: CommonConfiguration
    public var database: PostgresConfiguration
    /// `JWKS_URL`: the users service's `/.well-known/jwks.json`, to verify access tokens.
    public var jwksURL: String
    /// `CURSOR_SECRET`: the key of list cursors (the same on every replica).
    public var cursors: CursorCodec
    /// `MEDIA_SINK`: where uploads are stored, in the forms of `PAGES_SINK` (`file:///dir` or a
    /// WebDAV URL); uploads go under `media/` in it. Defaults to `file://<working directory>/pages`,
    /// the local stack's pages directory (its services run in `$INKWELL_HOME`).
    public var mediaSink: FileSinkLocation

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try self.init(env: EnvironmentConfiguration(environment: environment))
    }

    /// Reads from `env` (which records every variable read, for `config`).
    public init(env: EnvironmentConfiguration) throws {
        var jwksURL = ""
        var cursors: CursorCodec?
        var mediaSink: FileSinkLocation?
        let data = try DataServiceConfiguration(serviceName: BlogApp.schema, defaultPort: BlogApp.defaultPort, env: env) { env in
            jwksURL = JWKSVerification.jwksURL(from: env)
            cursors = CursorCodec(configuration: env)
            mediaSink = Self.mediaSink(env)
        }
        common = data.common
        database = data.database
        self.jwksURL = jwksURL
        self.cursors = cursors!
        self.mediaSink = mediaSink!
    }

    /// `MEDIA_SINK`, or its default; a bad value is recorded as a problem of `env` (and the
    /// default returned, which is never used because validation then fails).
    static func mediaSink(_ env: EnvironmentConfiguration) -> FileSinkLocation {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let fallback = FileSinkLocation.directory((workingDirectory == "/" ? "" : workingDirectory) + "/pages")
        guard let value = env.optionalString("media.sink", defaultNote: "file://<working directory>/pages") else { return fallback }
        do {
            return try FileSinkLocation(parsing: value)
        } catch {
            env.fail("media.sink", "is an \(error)")
            return fallback
        }
    }
}
