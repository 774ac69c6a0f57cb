import Foundation
import InkwellHTTPClient
import TestSupport

/// Another gateway process of a stack, on a port of its own.
struct GatewayReplica: Sendable {
    var process: ChildProcess
    var url: String
}

extension ServiceStack {
    /// Starts another gateway on the stack: the first gateway's environment (the same services,
    /// broker, topics and sinks) with another port and `environment` on top, and waits until it
    /// is ready. The caller stops it (`replica.process.stop()`); it is killed with the test
    /// process otherwise.
    func startGatewayReplica(name: String = "gateway-2", environment: [String: String] = [:]) async throws -> GatewayReplica {
        var attempt = 1
        while true {
            let port = freeLocalPort()
            var env = gatewayEnvironment.merging(environment) { _, new in new }
            env["HTTP_PORT"] = String(port)
            let process = try ChildProcess(
                name: attempt == 1 ? name : "\(name)-\(attempt)", executable: try TestEnvironment.binDir() + "/inkwell-gateway",
                environment: env, logDirectory: logDirectory)
            let url = "http://127.0.0.1:\(port)"
            do {
                try await pollUntil("\(name) to be ready", timeout: .seconds(60), interval: .milliseconds(100)) {
                    if !process.isRunning { throw StackError.exited(name, process.output()) }
                    let response = try? await http.execute(HTTPClientRequest(url: url + "/health/ready", timeout: .seconds(3)))
                    return response?.status == 200
                }
                return GatewayReplica(process: process, url: url)
            } catch StackError.exited(_, let output) where output.contains("Address already in use") && attempt < 4 {
                // The free port was taken meanwhile: another one.
                attempt += 1
            }
        }
    }
}
