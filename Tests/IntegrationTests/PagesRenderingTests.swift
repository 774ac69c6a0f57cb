import Foundation
import InkwellHTTPClient
import Testing
import TestSupport

/// The reading site on a real stack: the gateway's page consumer renders what events change
/// into the sink (a directory, or nginx's WebDAV), from the services' current data.
@Suite(.serialized) struct PagesRenderingTests {
    func file(_ root: String, _ path: String) -> String? {
        FileManager.default.contents(atPath: root + "/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Polls until the file at `path` satisfies `condition` (nil: the file is absent).
    func waitFor(_ root: String, _ path: String, _ what: String, timeout: Duration = .seconds(30), _ condition: @escaping (String?) -> Bool) async throws {
        try await pollUntil("\(path): \(what)", timeout: timeout, interval: .milliseconds(20)) { condition(file(root, path)) }
    }

    @Test func eventsRenderTheAffectedPages() async throws {
        let stack = try await ServiceStack.start()
        defer { Task { await stack.stop() } }
        let root = stack.pagesDirectory
        let author = try await stack.account(prefix: "pa", roles: ["reader", "author"])
        let moderator = try await stack.account(prefix: "pm", roles: ["moderator"])
        let reader = try await stack.account(prefix: "pr")
        let tag = "tag\(UUID().uuidString.prefix(6).lowercased())"

        // Publish: the post page, the index, the tag and author pages, the feed and the sitemap.
        let created = try await stack.request("POST", "/api/v1/posts", json: #"{"title": "Pages <b>live</b>", "body": "Hello *world*", "status": "published", "tags": ["\#(tag)"]}"#, headers: author.auth)
        try #require(created.status == 201, "\(created.text)")
        let slug = created.json["slug"] as! String
        try await waitFor(root, "posts/\(slug)/index.html", "the post page", timeout: .seconds(60)) { $0?.contains("<em>world</em>") == true }
        let page = try #require(file(root, "posts/\(slug)/index.html"))
        #expect(page.contains("Pages &lt;b&gt;live&lt;/b&gt;") && !page.contains("<b>live</b>"))
        try await waitFor(root, "index.html", "the index lists it") { $0?.contains("/posts/\(slug)/") == true }
        try await waitFor(root, "tags/\(tag)/index.html", "the tag page") { $0?.contains(slug) == true }
        try await waitFor(root, "authors/\(author.username)/index.html", "the author page") { $0?.contains(slug) == true }
        try await waitFor(root, "feed.xml", "the feed") { $0?.contains("/posts/\(slug)/") == true }
        try await waitFor(root, "sitemap.xml", "the sitemap") { $0?.contains("/posts/\(slug)/") == true && $0?.contains("/tags/\(tag)/") == true }
        #expect(file(root, "404.html")?.contains("Page not found") == true)
        #expect(file(root, "assets/style.css")?.isEmpty == false)

        // A comment approved: the post page shows it (and its timing from the approval).
        // (The comments service learns of the post from blog.events: until then, 404.)
        // Polled with a read: every comment attempt counts toward the 5-a-minute limit.
        try await pollUntil("the comments service to know the post", timeout: .seconds(30)) {
            try await stack.request("GET", "/api/v1/posts/\(slug)/comments").status == 200
        }
        let comment = try await stack.request("POST", "/api/v1/posts/\(slug)/comments", json: #"{"body": "First <i>!</i>\nsee https://example.test/x"}"#, headers: reader.auth)
        try #require(comment.status == 201, "\(comment.text)")
        let approved = try await stack.request("POST", "/api/v1/comments/\(comment.json["id"] as! String)/approve", headers: moderator.auth)
        #expect(approved.status == 200, "\(approved.text)")
        let start = ContinuousClock.now
        try await waitFor(root, "posts/\(slug)/index.html", "the approved comment") { $0?.contains("First &lt;i&gt;!&lt;/i&gt;<br>") == true }
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(file(root, "posts/\(slug)/index.html")?.contains(#"rel="nofollow ugc""#) == true)
        try await waitFor(root, "index.html", "the comment count") { $0?.contains("1 comment") == true }

        // The commenter's display name changes: the post page showing it follows.
        let renamed = try await stack.request("PATCH", "/api/v1/users/me", json: #"{"displayName": "Renamed Reader"}"#, headers: reader.auth)
        #expect(renamed.status == 200, "\(renamed.text)")
        try await waitFor(root, "posts/\(slug)/index.html", "the new commenter name") { $0?.contains("Renamed Reader") == true }

        // A new slug: the old page is gone, a redirect file names the new slug.
        let moved = try await stack.request("PATCH", "/api/v1/posts/\(slug)", json: #"{"slug": "\#(slug)-moved"}"#, headers: author.auth)
        #expect(moved.status == 200, "\(moved.text)")
        let newSlug = "\(slug)-moved"
        try await waitFor(root, "redirects/posts/\(slug)", "the redirect") { $0 == newSlug }
        try await waitFor(root, "posts/\(newSlug)/index.html", "the moved page") { $0 != nil }
        try await waitFor(root, "posts/\(slug)/index.html", "the old page removed") { $0 == nil }

        // Unpublish: the page is removed and every list drops it.
        let unpublished = try await stack.request("PATCH", "/api/v1/posts/\(newSlug)", json: #"{"status": "draft"}"#, headers: author.auth)
        #expect(unpublished.status == 200, "\(unpublished.text)")
        try await waitFor(root, "posts/\(newSlug)/index.html", "the page removed") { $0 == nil }
        try await waitFor(root, "index.html", "the index drops it") { $0?.contains(newSlug) == false }
        try await waitFor(root, "feed.xml", "the feed drops it") { $0?.contains(newSlug) == false }
        try await waitFor(root, "sitemap.xml", "the sitemap drops it") { $0?.contains(newSlug) == false }
        try await waitFor(root, "tags/\(tag)/index.html", "the tag page removed") { $0 == nil }
        try await waitFor(root, "authors/\(author.username)/index.html", "the author page removed") { $0 == nil }

        // Publish a second post, delete it: removed again.
        let other = try await stack.request("POST", "/api/v1/posts", json: #"{"title": "Short-lived", "body": "x", "status": "published"}"#, headers: author.auth)
        let otherSlug = other.json["slug"] as! String
        try await waitFor(root, "posts/\(otherSlug)/index.html", "the second post") { $0 != nil }
        #expect(try await stack.request("DELETE", "/api/v1/posts/\(otherSlug)", headers: author.auth).status == 204)
        try await waitFor(root, "posts/\(otherSlug)/index.html", "the deleted page removed") { $0 == nil }
        try await waitFor(root, "index.html", "the index drops the deleted post") { $0?.contains(otherSlug) == false }

        // rebuild-pages removes a stale page file and keeps media.
        try FileManager.default.createDirectory(atPath: root + "/posts/stale", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/posts/stale/index.html", contents: Data("old".utf8))
        let rebuilt = try await rebuild(stack, sink: "file://" + root)
        #expect(rebuilt.contains("rebuilt"), "\(rebuilt)")
        #expect(file(root, "posts/stale/index.html") == nil)
        #expect(file(root, "index.html") != nil)
    }

    @Test func theWebDAVSinkGetsThePages() async throws {
        var base = try TestEnvironment.webdavURL()
        if !base.hasSuffix("/") { base += "/" }
        let prefix = "pages-\(UUID().uuidString.prefix(8).lowercased())/"
        let root = try TestEnvironment.webdavRoot() + "/" + String(prefix.dropLast())
        let stack = try await ServiceStack.start(gatewayEnvironment: ["PAGES_SINK": base + prefix])
        defer { Task { await stack.stop() } }
        let author = try await stack.account(prefix: "pw", roles: ["reader", "author"])
        let created = try await stack.request("POST", "/api/v1/posts", json: #"{"title": "Over WebDAV", "body": "dav", "status": "published"}"#, headers: author.auth)
        try #require(created.status == 201, "\(created.text)")
        let slug = created.json["slug"] as! String
        try await waitFor(root, "posts/\(slug)/index.html", "the post page on the file server", timeout: .seconds(60)) { $0?.contains("Over WebDAV") == true }
        try await waitFor(root, "index.html", "the index on the file server") { $0?.contains(slug) == true }
        // A rebuild over WebDAV removes what its manifest listed and no longer exists.
        _ = try await stack.request("DELETE", "/api/v1/posts/\(slug)", headers: author.auth)
        try await waitFor(root, "posts/\(slug)/index.html", "the deleted page removed from the file server") { $0 == nil }
        let rebuilt = try await rebuild(stack, sink: base + prefix)
        #expect(rebuilt.contains("rebuilt 0 posts"), "\(rebuilt)")
    }

    /// Runs `inkwell-gateway rebuild-pages` against the stack; its output.
    func rebuild(_ stack: ServiceStack, sink: String) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TestEnvironment.binDir() + "/inkwell-gateway")
        process.arguments = ["rebuild-pages"]
        process.environment = [
            "USERS_URL": stack.usersURL, "BLOG_URL": "http://127.0.0.1:\(stack.ports["blog"]!)", "COMMENTS_URL": "http://127.0.0.1:\(stack.ports["comments"]!)",
            "KAFKA_BROKERS": stack.brokers, "PAGES_SINK": sink, "PUBLIC_BASE_URL": stack.gatewayURL, "LOG_LEVEL": "warning",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = try await Task.detached { output.fileHandleForReading.readDataToEndOfFile() }.value
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: data, as: UTF8.self))")
        return String(decoding: data, as: UTF8.self)
    }
}
