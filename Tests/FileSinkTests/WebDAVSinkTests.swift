import Foundation
import InkwellFileSink
import InkwellHTTPClient
import Logging
import Synchronization
import TestSupport
import Testing

/// The WebDAV sink against the test stack's nginx (`INKWELL_TEST_WEBDAV_URL`, files checked under
/// `INKWELL_TEST_WEBDAV_ROOT`), and against scripted servers for the answers nginx does not give.
@Suite struct WebDAVSinkTests {
    static let logger = Logger(label: "inkwell.test.file-sink")

    /// Runs `body` with a fresh client and a sink on a fresh prefix of the real nginx, and the
    /// directory that prefix is on disk.
    private func withNginxSink(_ body: (WebDAVSink, String) async throws -> Void) async throws {
        var base = try TestEnvironment.webdavURL()
        if !base.hasSuffix("/") { base += "/" }
        let prefix = "file-sink-\(UUID().uuidString.prefix(8))"
        let directory = try TestEnvironment.webdavRoot() + "/" + prefix
        try await withClient { client in
            // No trailing slash on purpose: the sink adds it.
            try await body(WebDAVSink(baseURL: base + prefix, client: client, timeout: .seconds(5), logger: Self.logger), directory)
        }
    }

    private func withClient(_ body: (HTTPClient) async throws -> Void) async throws {
        let client = HTTPClient(logger: Self.logger)
        do {
            try await body(client)
            await client.shutdown()
        } catch {
            await client.shutdown()
            throw error
        }
    }

    @Test func writeLandsOnDiskAndReadsBack() async throws {
        try await withNginxSink { sink, directory in
            let path = try SinkPath("posts/my-slug/index.html")
            let bytes = Array("<h1>Hello over WebDAV</h1>\n".utf8)
            try await sink.write(bytes, to: path, contentType: "text/html; charset=utf-8")
            #expect(FileManager.default.contents(atPath: directory + "/posts/my-slug/index.html").map(Array.init) == bytes)
            #expect(try await sink.read(path) == bytes)
        }
    }

    @Test func overwriteReplacesTheFile() async throws {
        try await withNginxSink { sink, directory in
            let path = try SinkPath("media/2026/ab12.png")
            let large = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            try await sink.write(large, to: path, contentType: "image/png")
            try await sink.write([1, 2, 3], to: path, contentType: "image/png")
            #expect(FileManager.default.contents(atPath: directory + "/media/2026/ab12.png").map(Array.init) == [1, 2, 3])
            #expect(try await sink.read(path) == [1, 2, 3])
        }
    }

    @Test func deleteIsIdempotentAndReadOfMissingIsNil() async throws {
        try await withNginxSink { sink, directory in
            let path = try SinkPath("tags/swift/index.html")
            try await sink.delete(path)  // never written, no directory either
            #expect(try await sink.read(path) == nil)
            try await sink.write(Array("t".utf8), to: path, contentType: "text/html")
            try await sink.delete(path)
            #expect(try await sink.read(path) == nil)
            #expect(!FileManager.default.fileExists(atPath: directory + "/tags/swift/index.html"))
            try await sink.delete(path)
        }
    }

    @Test func concurrentWritesOfOnePathEndWithOneCompleteFile() async throws {
        try await withNginxSink { sink, directory in
            let path = try SinkPath("posts/race/index.html")
            let versions = (0..<8).map { i in [UInt8](repeating: UInt8(ascii: "a") + UInt8(i), count: 1_000 + i * 7_919) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for version in versions {
                    group.addTask { try await sink.write(version, to: path, contentType: "text/html") }
                }
                try await group.waitForAll()
            }
            let final = try #require(FileManager.default.contents(atPath: directory + "/posts/race/index.html").map(Array.init))
            #expect(versions.contains(final))
        }
    }

    /// Nginx without `create_full_put_path` answers 409 when the parent collection is missing:
    /// the sink creates the collections outermost first (405 means it exists) and puts again.
    @Test func conflictCreatesTheCollectionsAndRetries() async throws {
        let puts = PutCounter()
        let server = try ScriptedWebDAVServer { request in
            switch request.method {
            case "PUT": return puts.count.add(1, ordering: .relaxed).newValue == 1 ? 409 : 201
            case "MKCOL": return request.target == "/dav/" || request.target == "/dav/posts/" ? 405 : 201
            default: return 500
            }
        }
        defer { server.stop() }
        try await withClient { client in
            let sink = WebDAVSink(baseURL: server.url, client: client, logger: Self.logger)
            try await sink.write([1, 2, 3, 4], to: try SinkPath("posts/new-slug/index.html"), contentType: "text/html")
        }
        #expect(server.requests.map(\.description) == [
            "PUT /dav/posts/new-slug/index.html",
            "MKCOL /dav/", "MKCOL /dav/posts/", "MKCOL /dav/posts/new-slug/",
            "PUT /dav/posts/new-slug/index.html",
        ])
        #expect(server.requests.first?.bodyLength == 4)
    }

    @Test func failedCollectionIsAStatusErrorWithoutARetry() async throws {
        let server = try ScriptedWebDAVServer { $0.method == "PUT" ? 409 : 403 }
        defer { server.stop() }
        try await withClient { client in
            let sink = WebDAVSink(baseURL: server.url, client: client, logger: Self.logger)
            await expectFailure(.status(403), .write) { try await sink.write([1], to: try SinkPath("a/b.html"), contentType: "text/html") }
        }
        #expect(server.requests.map(\.description) == ["PUT /dav/a/b.html", "MKCOL /dav/"])
    }

    @Test func persistentConflictIsAStatusError() async throws {
        // MKCOL not allowed (405) and the PUT still conflicts: one retry, then the 409.
        let server = try ScriptedWebDAVServer { $0.method == "PUT" ? 409 : 405 }
        defer { server.stop() }
        try await withClient { client in
            let sink = WebDAVSink(baseURL: server.url, client: client, logger: Self.logger)
            await expectFailure(.status(409), .write) { try await sink.write([1], to: try SinkPath("feed.xml"), contentType: "application/atom+xml") }
        }
        #expect(server.requests.map(\.description) == ["PUT /dav/feed.xml", "MKCOL /dav/", "PUT /dav/feed.xml"])
    }

    @Test func serverErrorsAreStatusErrors() async throws {
        let server = try ScriptedWebDAVServer { request in
            switch request.method {
            case "PUT": 507
            case "GET": 403
            case "DELETE": 500
            default: 400
            }
        }
        defer { server.stop() }
        try await withClient { client in
            let sink = WebDAVSink(baseURL: server.url, client: client, logger: Self.logger)
            let path = try SinkPath("index.html")
            await expectFailure(.status(507), .write) { try await sink.write([1], to: path, contentType: "text/html") }
            await expectFailure(.status(403), .read) { _ = try await sink.read(path) }
            await expectFailure(.status(500), .delete) { try await sink.delete(path) }
        }
    }

    @Test func serverDownIsConnectionRefusedPromptly() async throws {
        let (fd, port) = try LoopbackSocket.refusingPort()
        defer { close(fd) }
        try await withClient { client in
            let sink = WebDAVSink(baseURL: "http://127.0.0.1:\(port)/pages/", client: client, timeout: .seconds(30), logger: Self.logger)
            let path = try SinkPath("posts/x/index.html")
            let elapsed = [
                await expectFailure(.transport(.connectionRefused), .write) { try await sink.write([1], to: path, contentType: "text/html") },
                await expectFailure(.transport(.connectionRefused), .read) { _ = try await sink.read(path) },
                await expectFailure(.transport(.connectionRefused), .delete) { try await sink.delete(path) },
            ]
            // Refused at once; the bound only has to tell that from the 30 s timeout. It is wide
            // because a clean-clone run of the whole suite once starved this test for 14 s.
            #expect(elapsed.allSatisfy { $0 < .seconds(20) }, "\(elapsed)")
        }
    }

    @Test func unansweredRequestTimesOut() async throws {
        // Accepts connections into the backlog and never answers.
        let (fd, port) = try LoopbackSocket.listen(backlog: 16)
        defer { close(fd) }
        try await withClient { client in
            let sink = WebDAVSink(baseURL: "http://127.0.0.1:\(port)/", client: client, timeout: .milliseconds(300), logger: Self.logger)
            let elapsed = await expectFailure(.transport(.timeout), .write) {
                try await sink.write([1], to: try SinkPath("index.html"), contentType: "text/html")
            }
            // 300 ms, bounded wide to catch a hang only: a loaded suite run once took 10.1 s.
            #expect(elapsed < .seconds(20))
        }
    }

    /// A content type that would inject a header is refused by the client before sending.
    @Test func headerInjectionInTheContentTypeIsRefused() async throws {
        let server = try ScriptedWebDAVServer { _ in 201 }
        defer { server.stop() }
        try await withClient { client in
            let sink = WebDAVSink(baseURL: server.url, client: client, logger: Self.logger)
            await expectFailure(.transport(.transport), .write) {
                try await sink.write([1], to: try SinkPath("x.html"), contentType: "text/html\r\nX-Evil: 1")
            }
        }
        #expect(server.requests.isEmpty)
    }

    /// A hostile path cannot become a ``SinkPath``, so no request is ever made for it.
    @Test func hostilePathsNeverReachTheServer() async throws {
        let server = try ScriptedWebDAVServer { _ in 201 }
        defer { server.stop() }
        try await withClient { client in
            let sink = WebDAVSink(baseURL: server.url, client: client, logger: Self.logger)
            for (hostile, _) in SinkPathTests.hostile {
                do {
                    try await sink.write([1], to: try SinkPath(hostile), contentType: "text/html")
                    Issue.record("wrote \(hostile.debugDescription)")
                } catch is SinkPathError {
                    // refused before any I/O
                }
            }
            // The server is alive and counts requests: one ordinary write arrives.
            try await sink.write([1], to: try SinkPath("ok.html"), contentType: "text/html")
        }
        #expect(server.requests.map(\.description) == ["PUT /dav/ok.html"])
    }
}

/// Counts the PUTs a scripted server received (a class, so a `@Sendable` closure can share it).
private final class PutCounter: Sendable {
    let count = Atomic(0)
}
