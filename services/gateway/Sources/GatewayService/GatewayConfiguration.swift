import Foundation
import InkwellFileSink
import InkwellServiceKit

/// The gateway's environment (OPERATIONS.md), validated at start.
public struct GatewayConfiguration: Sendable {
    public var common: CommonConfiguration
    public var usersURL: String
    public var blogURL: String
    public var commentsURL: String
    public var publicBaseURL: String
    /// Per-request deadline for a call to a service (`UPSTREAM_TIMEOUT_MS`, default 5000).
    public var upstreamTimeout: Duration
    /// `PAGES_SINK` (PAGES.md): the file server's files, served at the gateway's URL (today the
    /// uploaded media under `media/`). Defaults to `file://<working directory>/pages`, the local
    /// stack's pages directory (its services run in `$INKWELL_HOME`).
    public var pagesSink: FileSinkLocation
    /// The response cache: `CACHE_MAX_BYTES` (default 64 MiB, 0 turns it off) and `CACHE_TTL`
    /// (seconds, default 60).
    public var cache: ResponseCacheConfiguration
    /// `SITE_NAME`: the reading site's name in every page's header and title (default Inkwell).
    public var siteName: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try self.init(env: EnvironmentConfiguration(environment: environment))
    }

    /// Reads from `env` (which records every variable read, for `config`).
    public init(env: EnvironmentConfiguration) throws {
        common = CommonConfiguration(serviceName: "gateway", env: env, defaultPort: GatewayApp.defaultPort)
        usersURL = Self.trimmed(env.url("users.url", required: true) ?? "")
        blogURL = Self.trimmed(env.url("blog.url", required: true) ?? "")
        commentsURL = Self.trimmed(env.url("comments.url", required: true) ?? "")
        publicBaseURL = Self.trimmed(env.url("public.base.url", required: false, default: "http://127.0.0.1:\(common.httpPort)") ?? "")
        siteName = env.string("site.name", default: "Inkwell")
        upstreamTimeout = .milliseconds(env.int("upstream.timeout.ms", default: 5000, range: 50...120_000))
        cache = ResponseCacheConfiguration(
            maxBytes: env.int("cache.max.bytes", default: 64 << 20, range: 0...(1 << 40)),
            ttl: .seconds(env.int("cache.ttl", default: 60, range: 1...86_400))
        )
        let workingDirectory = FileManager.default.currentDirectoryPath
        pagesSink = .directory((workingDirectory == "/" ? "" : workingDirectory) + "/pages")
        if let value = env.optionalString("pages.sink", defaultNote: "file://<working directory>/pages") {
            do {
                pagesSink = try FileSinkLocation(parsing: value)
            } catch {
                env.fail("pages.sink", "is an \(error)")
            }
        }
        try env.validate()
    }

    static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}
