import Foundation
import InkwellHTTPClient
import Testing
import TestSupport

/// The reading site served by a real gateway from a directory sink and from the WebDAV file
/// server (nginx), and still served with the users, blog and comments services all stopped.
@Suite struct PagesServingTests {
    /// The committed fixture site (Tests/Fixtures/pages).
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pages").path

    /// Every file of the fixture, relative to its root.
    static func fixtureFiles() throws -> [String] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: fixture))
        return enumerator.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: fixture + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    static func copyFixture(to root: String) throws {
        for path in try fixtureFiles() {
            let target = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(atPath: fixture + "/" + path, toPath: target.path)
        }
    }

    /// (URL path, content type, a text it shows) of every page of the fixture.
    static let pages: [(String, String, String)] = [
        ("/", "text/html; charset=utf-8", "Latest posts"),
        ("/page/2/", "text/html; charset=utf-8", "An old post"),
        ("/posts/hello-inkwell/", "text/html; charset=utf-8", "Lovely first post."),
        ("/posts/second-post/", "text/html; charset=utf-8", "A second post"),
        ("/tags/swift/", "text/html; charset=utf-8", "Posts tagged #swift"),
        ("/authors/grace/", "text/html; charset=utf-8", "Writes about compilers."),
        ("/feed.xml", "application/atom+xml", "<feed"),
        ("/sitemap.xml", "application/xml", "<urlset"),
        ("/assets/style.css", "text/css; charset=utf-8", "font:"),
    ]

    static func expectSiteServed(_ stack: ServiceStack) async throws {
        for (path, contentType, text) in pages {
            let response = try await stack.request("GET", path)
            #expect(response.status == 200, "\(path)")
            #expect(response.header("Content-Type") == contentType, "\(path)")
            #expect(response.text.contains(text), "\(path)")
            let eTag = try #require(response.header("ETag"), "\(path)")
            let again = try await stack.request("GET", path, headers: [HTTPHeader(name: "If-None-Match", value: eTag)])
            #expect(again.status == 304, "\(path)")
        }
        let missing = try await stack.request("GET", "/posts/no-such-post/")
        #expect(missing.status == 404)
        // The site's 404 page: the fixture's, or the one the gateway's renderer wrote over it.
        #expect(missing.header("Content-Type") == "text/html; charset=utf-8")
        #expect(missing.text.contains("<!DOCTYPE html>"))
        let moved = try await stack.request("GET", "/posts/hello-world/")
        #expect(moved.status == 301)
        #expect(moved.header("Location") == "/posts/hello-inkwell/")
        let head = try await stack.request("HEAD", "/posts/hello-inkwell/")
        #expect(head.status == 200 && head.body.isEmpty)
    }

    static func stopEveryService(_ stack: ServiceStack) async throws {
        for process in [stack.users, stack.blog, stack.comments] {
            process.signal(SIGKILL)
            _ = try await process.waitForExit()
        }
        // The API answers 503 now: the services are really gone.
        #expect(try await stack.request("GET", "/api/v1/posts").status == 503)
    }

    @Test func fromADirectorySinkAlsoWithEveryServiceStopped() async throws {
        let stack = try await ServiceStack.start(upstreamTimeoutMs: 1000)
        defer { Task { await stack.stop() } }
        try Self.copyFixture(to: stack.pagesDirectory)
        try await Self.expectSiteServed(stack)
        try await Self.stopEveryService(stack)
        try await Self.expectSiteServed(stack)
    }

    @Test func fromTheWebDAVFileServerAlsoWithEveryServiceStopped() async throws {
        let collection = "pages-\(UUID().uuidString.prefix(8).lowercased())"
        try Self.copyFixture(to: try TestEnvironment.webdavRoot() + "/" + collection)
        let stack = try await ServiceStack.start(upstreamTimeoutMs: 1000, gatewayEnvironment: ["PAGES_SINK": try TestEnvironment.webdavURL() + collection + "/"])
        defer { Task { await stack.stop() } }
        try await Self.expectSiteServed(stack)
        try await Self.stopEveryService(stack)
        try await Self.expectSiteServed(stack)
    }
}
