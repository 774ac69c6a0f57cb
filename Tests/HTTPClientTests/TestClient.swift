import Foundation
import InkwellHTTPClient
import Logging
import TestSupport
import Testing

/// Creating clients for tests and checking the errors they throw.
enum TestClient {
    static let logger = Logger(label: "inkwell.test.http-client")

    /// Runs `body` with a fresh client and always shuts it down afterwards.
    @discardableResult
    static func with<T>(
        _ configure: (inout HTTPClient.Configuration) -> Void = { _ in },
        _ body: (HTTPClient) async throws -> T
    ) async throws -> T {
        var configuration = HTTPClient.Configuration()
        configure(&configuration)
        let client = HTTPClient(configuration: configuration, logger: logger)
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// A fresh URL under the WebDAV server, so parallel tests never share a path.
    static func webdavURL(_ path: String) throws -> (url: String, file: String) {
        var base = try TestEnvironment.webdavURL()
        if !base.hasSuffix("/") { base += "/" }
        let relative = "http-client-\(UUID().uuidString.prefix(8))/\(path)"
        return (base + relative, try TestEnvironment.webdavRoot() + "/" + relative)
    }

    /// Awaits `body`, expects it to throw an ``HTTPClientError`` of `kind`, and returns how long it took.
    @discardableResult
    static func expectError(
        _ kind: HTTPClientError.Kind,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Void
    ) async -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try await body()
            Issue.record("expected HTTPClientError.\(kind), got success", sourceLocation: sourceLocation)
        } catch let error as HTTPClientError {
            #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected HTTPClientError.\(kind), got \(error)", sourceLocation: sourceLocation)
        }
        return clock.now - start
    }
}
