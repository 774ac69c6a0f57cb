import Foundation
import InkwellPostgres
import Logging
import TestSupport
import Testing

// Helpers shared by the PostgreSQL tests. Every test makes its own client (and shuts it down)
// and its own uniquely named scratch tables, because swift-testing runs tests in parallel.

/// A logger that only reports warnings, to keep test output readable.
func testLogger(_ label: String = "postgres-tests") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .warning
    return logger
}

/// A unique, lowercase identifier (`prefix_1a2b3c4d5e6f`) for scratch tables, schemas and application names.
func uniqueName(_ prefix: String) -> String {
    "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased())"
}

/// The URL for `role` (`users`, `blog`, `comments`), or the admin URL for `nil`.
func databaseURL(role: String?) throws -> String {
    if let role { return try TestEnvironment.databaseURL(role: role) }
    return try TestEnvironment.postgresAdminURL()
}

/// Runs `body` with a fresh client and always shuts it down.
func withClient<T>(
    role: String? = "users",
    url: String? = nil,
    poolSize: Int = 4,
    applicationName: String = uniqueName("inkwell_test"),
    checkoutTimeout: Duration = .seconds(10),
    connectTimeout: Duration = .seconds(5),
    _ body: (PostgresClient) async throws -> T
) async throws -> T {
    let configuration = try PostgresConfiguration(
        url: try url ?? databaseURL(role: role),
        poolSize: poolSize,
        connectTimeout: connectTimeout,
        applicationName: applicationName,
        checkoutTimeout: checkoutTimeout
    )
    let client = PostgresClient(configuration: configuration, logger: testLogger())
    do {
        let result = try await body(client)
        await client.shutdown()
        return result
    } catch {
        await client.shutdown()
        throw error
    }
}

/// Expects `body` to throw a `PostgresError` and returns it (fails the test otherwise).
func expectPostgresError(
    _ body: () async throws -> Void,
    sourceLocation: SourceLocation = #_sourceLocation
) async -> PostgresError? {
    do {
        try await body()
        Issue.record("expected a PostgresError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as PostgresError {
        return error
    } catch {
        Issue.record("expected a PostgresError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A thread-safe counter for tests.
final class TestCounter: Sendable {
    private let value = LockedBox(0)
    @discardableResult func increment() -> Int { value.withLock { $0 += 1; return $0 } }
    var current: Int { value.withLock { $0 } }
}

/// A minimal lock-protected box (tests only).
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only accessed while holding `lock`.
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
