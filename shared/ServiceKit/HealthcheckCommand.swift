import ArgumentParser
import Foundation
import InkwellHTTPClient
import Logging

/// `inkwell-<service> healthcheck`: GETs the running service's liveness endpoint on
/// `HTTP_HOST:HTTP_PORT` (loopback when bound to every address) and exits 0 on 200, 1 otherwise.
/// The container image's `HEALTHCHECK`: no curl in the runtime image, and the port is read by the
/// same code as the server's, so the two cannot disagree.
public struct HealthcheckCommand<App: DescribedService>: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "healthcheck", abstract: "Exit 0 when this service's \(HealthController.livePath) answers 200 (for container health checks).")
    }

    @Option(help: "Give up after this many milliseconds.")
    var timeoutMs: Int = 3000

    public init() {}

    /// The URL checked, from `HTTP_HOST` and `HTTP_PORT` as the server reads them.
    public static func url(environment: [String: String]) throws -> String {
        let env = EnvironmentConfiguration(environment: environment)
        let host = env.string("http.host", default: "127.0.0.1")
        let port = env.int("http.port", default: App.defaultPort, range: 1...65535)
        try env.validate()
        let target = ["0.0.0.0", "::", "[::]"].contains(host) ? "127.0.0.1" : (host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)
        return "http://\(target):\(port)\(HealthController.livePath)"
    }

    public func run() async throws {
        let url = try Self.url(environment: ProcessInfo.processInfo.environment)
        var logger = Logger(label: "\(App.executableName).healthcheck")
        logger.logLevel = .critical
        let client = HTTPClient(logger: logger)
        let status = (try? await client.execute(HTTPClientRequest(url: url, timeout: .milliseconds(timeoutMs))))?.status
        await client.shutdown()
        guard status == 200 else {
            FileHandle.standardError.write(Data("\(App.executableName): \(url) answered \(status.map(String.init) ?? "nothing")\n".utf8))
            throw ExitCode(1)
        }
    }
}
