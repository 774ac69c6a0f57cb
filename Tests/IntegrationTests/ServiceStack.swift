import Foundation
import InkwellHTTPClient
import Logging
import TestSupport

/// The four services as real processes on loopback, on a database of their own, behind the
/// gateway: what a client of Inkwell talks to.
final class ServiceStack: Sendable {
    let database: TestDatabase
    let brokers: String
    let topicPrefix: String
    let users: ChildProcess
    let blog: ChildProcess
    let comments: ChildProcess
    let gateway: ChildProcess
    let ports: [String: Int]
    let http: HTTPClient
    let recorder = ResponseRecorder(name: "stack")
    /// Where the users service writes mail when the stack has no `SMTP_URL`.
    let mailDirectory: String
    /// The stack's file server, a scratch directory: the blog's `MEDIA_SINK` and the gateway's
    /// `PAGES_SINK` (unless the environments given to ``start`` say otherwise).
    let pagesDirectory: String
    /// What the gateway was started with, but its port (``startGatewayReplica(environment:)``).
    let gatewayEnvironment: [String: String]
    let logDirectory: URL

    var gatewayURL: String { "http://127.0.0.1:\(ports["gateway"]!)" }
    var usersURL: String { "http://127.0.0.1:\(ports["users"]!)" }

    /// Starts the stack and waits until every service is ready.
    /// - Parameters:
    ///   - brokers: Kafka bootstrap servers (the shared development broker by default).
    ///   - usersURL: where the gateway looks for the users service (to test it being down).
    ///   - usersEnvironment: extra variables for the users service (`SMTP_URL`, `MAIL_DIR`,
    ///     `BOOTSTRAP_ADMIN_EMAIL`, ...); by default mail goes as `.eml` files to the stack's
    ///     scratch directory (``mailDirectory``).
    ///   - blogEnvironment, gatewayEnvironment: extra variables for those services (`MEDIA_SINK`,
    ///     `PAGES_SINK`, ...).
    ///   - commonEnvironment: extra variables for all four (`OTEL_EXPORTER_OTLP_ENDPOINT`, ...).
    static func start(
        brokers: String? = nil, gatewayUsersURL: String? = nil, upstreamTimeoutMs: Int = 10_000, usersEnvironment: [String: String] = [:],
        blogEnvironment: [String: String] = [:], gatewayEnvironment: [String: String] = [:], commonEnvironment: [String: String] = [:]
    ) async throws -> ServiceStack {
        // A free port can be taken by someone else's outgoing connection before the service binds
        // it (many stacks start at once): then the stack starts again on new ports, a few times.
        var attempt = 1
        while true {
            let stack = try await ServiceStack(
                brokers: brokers ?? TestEnvironment.kafkaBrokers(), gatewayUsersURL: gatewayUsersURL, upstreamTimeoutMs: upstreamTimeoutMs,
                usersEnvironment: usersEnvironment, blogEnvironment: blogEnvironment, gatewayEnvironment: gatewayEnvironment,
                commonEnvironment: commonEnvironment
            )
            do {
                try await stack.waitUntilReady()
                return stack
            } catch StackError.exited(let name, let output) where output.contains("Address already in use") && attempt < 4 {
                attempt += 1
                print("\(name) could not bind its port (taken meanwhile); starting the stack again")
                await stack.stop()
            }
        }
    }

    private func waitUntilReady() async throws {
        let stack = self
        for (name, port) in stack.ports {
            let process = [stack.users, stack.blog, stack.comments, stack.gateway].first { $0.name.hasPrefix(name) }!
            try await pollUntil("\(name) to be ready", timeout: .seconds(60), interval: .milliseconds(100)) {
                if !process.isRunning { throw StackError.exited(name, process.output()) }
                let response = try? await stack.http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/health/ready", timeout: .seconds(3)))
                return response?.status == 200
            }
        }
    }

    private init(
        brokers: String, gatewayUsersURL: String?, upstreamTimeoutMs: Int, usersEnvironment: [String: String],
        blogEnvironment: [String: String], gatewayEnvironment: [String: String], commonEnvironment: [String: String]
    ) async throws {
        database = try await TestDatabase.create(prefix: "stack")
        self.brokers = brokers
        topicPrefix = "t\(UUID().uuidString.prefix(6).lowercased())."
        var ports: [String: Int] = [:]
        for name in ["users", "blog", "comments", "gateway"] { ports[name] = freeLocalPort() }
        self.ports = ports
        // A small pool per service: every suite starts a stack of its own at once, on one test cluster.
        let common = [
            "HTTP_HOST": "127.0.0.1", "KAFKA_BROKERS": brokers, "KAFKA_TOPIC_PREFIX": topicPrefix, "LOG_LEVEL": "info", "LOG_FORMAT": "text",
            "DATABASE_POOL_SIZE": "4",
        ].merging(commonEnvironment) { _, new in new }
        let jwks = "http://127.0.0.1:\(ports["users"]!)/.well-known/jwks.json"
        let logs = try TestEnvironment.scratchDirectory("stack")
        func start(_ name: String, _ extra: [String: String]) throws -> ChildProcess {
            var env = common.merging(extra) { _, new in new }
            env["HTTP_PORT"] = String(ports[name]!)
            return try ChildProcess(name: "\(name)", executable: try TestEnvironment.binDir() + "/inkwell-\(name)", environment: env, logDirectory: logs)
        }
        mailDirectory = logs.appendingPathComponent("mail").path
        pagesDirectory = logs.appendingPathComponent("pages").path
        users = try start("users", [
            "DATABASE_URL": try database.url(role: "users"), "PUBLIC_BASE_URL": "http://127.0.0.1:\(ports["gateway"]!)", "MAIL_DIR": mailDirectory,
        ].merging(usersEnvironment) { _, new in new })
        blog = try start("blog", [
            "DATABASE_URL": try database.url(role: "blog"), "JWKS_URL": jwks, "MEDIA_SINK": "file://" + pagesDirectory,
        ].merging(blogEnvironment) { _, new in new })
        comments = try start("comments", ["DATABASE_URL": try database.url(role: "comments"), "JWKS_URL": jwks])
        let gatewayExtra = [
            "USERS_URL": gatewayUsersURL ?? "http://127.0.0.1:\(ports["users"]!)",
            "BLOG_URL": "http://127.0.0.1:\(ports["blog"]!)",
            "COMMENTS_URL": "http://127.0.0.1:\(ports["comments"]!)",
            "JWKS_URL": jwks,
            "UPSTREAM_TIMEOUT_MS": String(upstreamTimeoutMs),
            "PAGES_SINK": "file://" + pagesDirectory,
        ].merging(gatewayEnvironment) { _, new in new }
        self.gatewayEnvironment = common.merging(gatewayExtra) { _, new in new }
        logDirectory = logs
        gateway = try start("gateway", gatewayExtra)
        http = HTTPClient(logger: Logger(label: "test.http"))
    }

    func stop() async {
        await withTaskGroup(of: Void.self) { group in
            for process in [gateway, users, blog, comments] { group.addTask { await process.stop() } }
        }
        await http.shutdown()
    }

    /// A request to the gateway.
    func request(_ method: String, _ path: String, json: String? = nil, headers: [HTTPHeader] = [], base: String? = nil) async throws -> HTTPClientResponse {
        var all = headers
        if json != nil { all.append(HTTPHeader(name: "Content-Type", value: "application/json")) }
        let response = try await http.execute(HTTPClientRequest(method: method, url: (base ?? gatewayURL) + path, headers: all, body: json.map { Array($0.utf8) }, timeout: .seconds(30)))
        if base == nil || base == gatewayURL {
            recorder.record(method: method, path: path, status: response.status, contentType: response.header("Content-Type"), body: response.body)
        }
        return response
    }

    enum StackError: Error, CustomStringConvertible {
        case exited(String, String)
        var description: String {
            switch self {
            case .exited(let name, let output): "\(name) exited during start:\n\(output.suffix(3000))"
            }
        }
    }
}

extension HTTPClientResponse {
    var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]) ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A unique, valid username for one test.
func uniqueUsername(_ prefix: String = "u") -> String {
    "\(prefix)\(UUID().uuidString.prefix(10).lowercased().replacingOccurrences(of: "-", with: ""))"
}
