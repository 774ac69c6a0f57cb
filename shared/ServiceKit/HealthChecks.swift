import Foundation
import Hummingbird
import Logging

/// What `/health/ready` asks: each named check says whether a dependency is usable.
public struct ReadinessCheck: Sendable {
    public let name: String
    public let check: @Sendable () async -> Bool
    public init(_ name: String, check: @escaping @Sendable () async -> Bool) {
        self.name = name
        self.check = check
    }
}

/// `GET /health/live` (200 while the process runs) and `GET /health/ready` (200 only when every
/// check passes, else 503 with the failing ones named).
public struct HealthController: Sendable {
    public let checks: [ReadinessCheck]
    /// The liveness path (probes, the image's `healthcheck` subcommand, `config` output).
    public static let livePath = "/health/live"
    /// The readiness path.
    public static let readyPath = "/health/ready"
    public init(checks: [ReadinessCheck]) { self.checks = checks }

    struct Status: Codable, Sendable {
        var status: String
        var checks: [String: String]?
    }

    public func register(on routes: RouteTable) {
        routes.on(Self.livePath, .get) { _, _ in JSONResponse(Status(status: "ok")) }
        let checks = self.checks
        routes.on(Self.readyPath, .get) { _, _ in
            let results = await withTaskGroup(of: (String, Bool).self) { group in
                for check in checks { group.addTask { (check.name, await check.check()) } }
                var results: [String: String] = [:]
                for await (name, ok) in group { results[name] = ok ? "ok" : "unavailable" }
                return results
            }
            let ready = results.values.allSatisfy { $0 == "ok" }
            return JSONResponse(Status(status: ready ? "ready" : "unavailable", checks: results), status: ready ? .ok : .serviceUnavailable)
        }
    }
}
