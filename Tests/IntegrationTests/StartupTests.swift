import Foundation
import Testing
import TestSupport

/// A service refuses to start on a bad environment, with one line naming each bad variable.
@Suite struct StartupTests {
    @Test(arguments: ["users", "blog", "comments"])
    func missingDatabaseURLStopsTheService(service: String) async throws {
        let process = try ChildProcess(
            name: "\(service)-no-db", executable: try TestEnvironment.binDir() + "/inkwell-\(service)",
            environment: ["KAFKA_BROKERS": "127.0.0.1:1", "HTTP_PORT": String(freeLocalPort())], inheritEnvironment: false
        )
        let status = try await process.waitForExit(timeout: .seconds(30))
        #expect(status != 0)
        let lines = process.output().split(separator: "\n").filter { $0.contains("DATABASE_URL") }
        #expect(lines.count == 1, "\(process.output())")
        #expect(lines.first?.contains("inkwell-\(service): configuration error: DATABASE_URL is missing") == true)
    }

    @Test func everyBadVariableIsNamedOnItsOwnLine() async throws {
        let process = try ChildProcess(
            name: "gateway-bad-env", executable: try TestEnvironment.binDir() + "/inkwell-gateway",
            environment: ["HTTP_PORT": "99999", "USERS_URL": "ftp://x", "LOG_LEVEL": "loud"], inheritEnvironment: false
        )
        let status = try await process.waitForExit(timeout: .seconds(30))
        #expect(status == 78)
        let output = process.output()
        for variable in ["HTTP_PORT", "USERS_URL", "BLOG_URL", "COMMENTS_URL", "KAFKA_BROKERS", "LOG_LEVEL"] {
            #expect(output.split(separator: "\n").filter { $0.contains("error: \(variable) ") }.count == 1, "\(variable) in:\n\(output)")
        }
    }
}
