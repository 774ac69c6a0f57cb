import Foundation
import GatewayService
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// The gateway serving the reading site from a directory sink: content types, validators and
/// 304s, HEAD, 301s, the 404 page for unknown and hostile paths, and a changed file showing.
@Suite struct PagesServingTests {
    func withSite<T: Sendable>(revalidateAfter: Duration = .milliseconds(100), _ test: @Sendable (SiteDirectory, any TestClientProtocol) async throws -> T) async throws -> T {
        let site = try SiteDirectory()
        defer { site.remove() }
        let upstream = RecordingUpstream()
        let result = try await GatewayHarness.run(upstream: upstream, site: SiteFileServer(directory: site.root, revalidateAfter: revalidateAfter)) { client in
            try await test(site, client)
        }
        #expect(upstream.requests.isEmpty, "pages call no service: \(upstream.urls)")
        return result
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test(arguments: [
        ("/", "text/html; charset=utf-8", "First page"),
        ("/page/2/", "text/html; charset=utf-8", "Page 2"),
        ("/posts/hello-world/", "text/html; charset=utf-8", "Hello, world"),
        ("/tags/swift/", "text/html; charset=utf-8", "Tag swift"),
        ("/authors/grace/", "text/html; charset=utf-8", "Grace"),
        ("/feed.xml", "application/atom+xml", "Atom"),
        ("/sitemap.xml", "application/xml", "urlset"),
        ("/assets/style.css", "text/css; charset=utf-8", "margin"),
        ("/media/ab12.png", "image/png", "PNG"),
    ])
    func servesEachKindWithItsTypeAndValidators(path: String, contentType: String, content: String) async throws {
        try await withSite { _, client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == contentType)
            #expect(Self.text(response).contains(content))
            let eTag = try #require(response.headers[.eTag])
            #expect(eTag.hasPrefix("\"") && eTag.hasSuffix("\""), "a strong tag: \(eTag)")
            #expect(response.headers[.lastModified]?.hasSuffix(" GMT") == true)
            let cacheControl = try #require(response.headers[.cacheControl])
            if path.hasPrefix("/media/") {
                #expect(cacheControl.contains("immutable"))
            } else if !path.hasPrefix("/assets/") {
                #expect(cacheControl.contains("max-age=5"))
            }
            #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
        }
    }

    @Test func ifNoneMatchAndIfModifiedSinceAnswer304() async throws {
        try await withSite { _, client in
            let first = try await client.execute(uri: "/posts/hello-world/", method: .get)
            let eTag = try #require(first.headers[.eTag])
            let lastModified = try #require(first.headers[.lastModified])

            let byTag = try await client.execute(uri: "/posts/hello-world/", method: .get, headers: [.ifNoneMatch: eTag])
            #expect(byTag.status == .notModified)
            #expect(byTag.body.readableBytes == 0)
            #expect(byTag.headers[.eTag] == eTag)
            let weakInList = try await client.execute(uri: "/posts/hello-world/", method: .get, headers: [.ifNoneMatch: "\"other\", W/\(eTag)"])
            #expect(weakInList.status == .notModified)
            let otherTag = try await client.execute(uri: "/posts/hello-world/", method: .get, headers: [.ifNoneMatch: "\"other\""])
            #expect(otherTag.status == .ok)
            // If-None-Match decides alone when present, even with a matching date.
            let tagWins = try await client.execute(uri: "/posts/hello-world/", method: .get, headers: [.ifNoneMatch: "\"other\"", .ifModifiedSince: lastModified])
            #expect(tagWins.status == .ok)

            let byDate = try await client.execute(uri: "/posts/hello-world/", method: .get, headers: [.ifModifiedSince: lastModified])
            #expect(byDate.status == .notModified)
            #expect(byDate.headers[.lastModified] == lastModified)
            let older = try await client.execute(uri: "/posts/hello-world/", method: .get, headers: [.ifModifiedSince: "Sat, 01 Jan 2000 00:00:00 GMT"])
            #expect(older.status == .ok)
            let garbage = try await client.execute(uri: "/posts/hello-world/", method: .get, headers: [.ifModifiedSince: "yesterday"])
            #expect(garbage.status == .ok)
            let headByTag = try await client.execute(uri: "/posts/hello-world/", method: .head, headers: [.ifNoneMatch: eTag])
            #expect(headByTag.status == .notModified)
        }
    }

    @Test func headHasTheHeadersAndNoBody() async throws {
        try await withSite { _, client in
            let get = try await client.execute(uri: "/posts/hello-world/", method: .get)
            let head = try await client.execute(uri: "/posts/hello-world/", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == String(get.body.readableBytes))
            #expect(head.headers[.eTag] == get.headers[.eTag])
            #expect(head.headers[.contentType] == "text/html; charset=utf-8")
            let missing = try await client.execute(uri: "/posts/nothing-here/", method: .head)
            #expect(missing.status == .notFound)
            #expect(missing.body.readableBytes == 0)
        }
    }

    @Test(arguments: [
        "/posts/nothing-here/", "/tags/nothing/", "/authors/nobody/", "/page/3/", "/nothing", "/nothing/at/all/",
        "/posts/", "/posts/hello-world/extra/", "/index.html", "/feed.xml/", "/media/", "/media/missing.png",
        "/posts/.hidden/", "/authors/caf%C3%A9/", "/page/0/", "/page/02/", "/page/-1/", "/page/x/",
        "/page/99999999/", "/posts/" + String(repeating: "a", count: 300) + "/", "/" + String(repeating: "x/", count: 600),
        "/redirects/posts/old-hello", "/404.html", "/posts/bad-target/", "/posts/loop/",
    ])
    func unknownAndHostilePathsAnswerThe404Page(path: String) async throws {
        try await withSite { _, client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .notFound, "\(path)")
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(Self.text(response).contains("The site's own 404 page"), "\(path)")
        }
    }

    /// Refused by the edge's SafePathMiddleware before any route (400 problem); never a file.
    @Test(arguments: ["/posts/..%2f..%2fetc/passwd/", "/posts/a%2fb/", "/posts/../../etc/passwd", "/authors/%00/", "/media/..%2f..%2fetc%2fpasswd", "/assets/%2e%2e/%2e%2e/etc/passwd", "/tags/a%5c..%5cb/"])
    func encodedTraversalIsRefused(path: String) async throws {
        try await withSite { _, client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .badRequest || response.status == .notFound, "\(path): \(response.status)")
            #expect(!Self.text(response).contains("root:"))
        }
    }

    @Test func apiPathsKeepTheirJSON404() async throws {
        try await withSite { _, client in
            for path in ["/api/v1/nothing", "/health/nothing", "/.well-known/nothing", "/internal/v1/users", "/metrics/x"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(path)")
            }
            let post = try await client.execute(uri: "/nothing", method: .post)
            #expect(post.headers[.contentType] == "application/problem+json")
        }
    }

    @Test(arguments: [
        ("/posts/hello-world", "/posts/hello-world/"), ("/tags/swift", "/tags/swift/"), ("/authors/grace", "/authors/grace/"),
        ("/page/1/", "/"), ("/page/1", "/"), ("/page/2", "/page/2/"), ("/posts/old-hello/", "/posts/hello-world/"),
        ("/posts/old-hello/?x=1", "/posts/hello-world/"),
    ])
    func redirects(path: String, location: String) async throws {
        try await withSite { _, client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .movedPermanently, "\(path)")
            #expect(response.headers[.location] == location)
        }
    }

    @Test func aChangedFileShowsAfterRevalidation() async throws {
        try await withSite { site, client in
            let before = try await client.execute(uri: "/posts/hello-world/", method: .get)
            #expect(Self.text(before).contains("Hello, world"))
            try site.write("posts/hello-world/index.html", "<!DOCTYPE html><title>Hello</title><p>Edited</p>")
            let after = try await poll("the edited page", timeout: .seconds(5), interval: .milliseconds(20)) {
                let response = try await client.execute(uri: "/posts/hello-world/", method: .get)
                return Self.text(response).contains("Edited") ? response : nil
            }
            #expect(after.headers[.eTag] != before.headers[.eTag])
            // The old tag no longer matches.
            let old = try await client.execute(uri: "/posts/hello-world/", method: .get, headers: [.ifNoneMatch: before.headers[.eTag]!])
            #expect(old.status == .ok)

            try FileManager.default.removeItem(atPath: site.root + "/posts/hello-world/index.html")
            _ = try await poll("the removed page answering 404", timeout: .seconds(5), interval: .milliseconds(20)) {
                try await client.execute(uri: "/posts/hello-world/", method: .get).status == .notFound ? true : nil
            }
            // A page that appears is served at once (nothing is cached for a missing file).
            try site.write("posts/new-one/index.html", "<!DOCTYPE html><title>New</title>")
            #expect(try await client.execute(uri: "/posts/new-one/", method: .get).status == .ok)
        }
    }

    @Test func aMissing404PageFallsBackToABuiltInOne() async throws {
        try await withSite { site, client in
            try FileManager.default.removeItem(atPath: site.root + "/404.html")
            let response = try await client.execute(uri: "/nothing", method: .get)
            #expect(response.status == .notFound)
            #expect(Self.text(response).contains("Not found"))
        }
    }

    @Test func aSymbolicLinkInTheSinkIsNotFollowed() async throws {
        try await withSite { site, client in
            try FileManager.default.createDirectory(atPath: site.root + "/posts/linked", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: site.root + "/posts/linked/index.html", withDestinationPath: "/etc/passwd")
            let response = try await client.execute(uri: "/posts/linked/", method: .get)
            #expect(response.status == .notFound)
            #expect(!Self.text(response).contains("root:"))
        }
    }
}
