import Foundation
import GatewayService
import InkwellContracts
import InkwellFileSink
import Logging
import Testing

@Suite struct SiteBuilderTests {
    static let hostile = ["..", "../../etc", "a/b", "%2e%2e", ".hidden", "", "x\u{0}y", "é", "..%2f..", "a\\b", "/abs"]

    func makeRoot() throws -> String {
        let root = NSTemporaryDirectory() + "pages-\(UUID().uuidString)/sink"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return root
    }

    func builder(_ reads: FakeReads, root: String) -> SiteBuilder {
        SiteBuilder(reads: reads, sink: DirectorySink(root: root, syncFiles: false), site: PageFixtures.site, logger: Logger(label: "test"))
    }

    func files(under directory: String) -> Set<String> {
        Set((FileManager.default.subpaths(atPath: directory) ?? []).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory + "/" + $0, isDirectory: &isDirectory) && !isDirectory.boolValue
        })
    }

    @Test(arguments: hostile)
    func hostileNamesNeverBecomePaths(_ name: String) async throws {
        #expect(SitePaths.file(.post(slug: name)) == nil)
        #expect(SitePaths.file(.tag(slug: name)) == nil)
        #expect(SitePaths.file(.author(username: name)) == nil)
        #expect(SitePaths.file(.redirect(oldSlug: name)) == nil)

        let root = try makeRoot()
        let evil = PublicUser(id: PageFixtures.id(9), username: name, displayName: "Evil", bio: "", createdAt: PageFixtures.date(0))
        let post = PageFixtures.post(PostSummary(
            id: PageFixtures.id(900), slug: name, title: "Evil", excerpt: "", publishedAt: PageFixtures.date(1), authorId: evil.id,
            tags: [TagRef(name: "Evil", slug: name)], coverImageUrl: nil
        ))
        let reads = FakeReads(.init(posts: [post], users: [evil.id: evil], redirects: [SlugRedirect(slug: name + "x", postId: post.id)]))
        let rebuild = try await builder(reads, root: root).rebuild(directoryRoot: root, call: .background(logger: Logger(label: "test")))
        #expect(rebuild.outcome.refused >= 3)
        // Nothing escaped the root: its parent holds only the sink.
        let parent = (root as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["sink"])
        #expect(files(under: root).allSatisfy { try! SinkPath($0).string == $0 })
    }

    @Test func rebuildWritesTheSiteAndRemovesStaleFiles() async throws {
        let root = try makeRoot()
        let posts = (1...3).map { PageFixtures.post(PageFixtures.summary($0)) }
        let comment = PageFixtures.comment(1, on: posts[0].id, by: PageFixtures.bob, body: "Hi")
        let reads = FakeReads(.init(
            posts: posts, users: [PageFixtures.alice.id: PageFixtures.alice, PageFixtures.bob.id: PageFixtures.bob],
            comments: [posts[0].id: [comment]], redirects: [SlugRedirect(slug: "old-one", postId: posts[0].id)]
        ))
        let builder = builder(reads, root: root)
        let call = UpstreamCall.background(logger: Logger(label: "test"))
        // A stale page from an earlier site and a media file that is not the renderer's.
        for path in ["posts/gone/index.html", "media/keep.png"] {
            try await DirectorySink(root: root, syncFiles: false).write([1], to: try SinkPath(path), contentType: "x")
        }
        let first = try await builder.rebuild(directoryRoot: root, call: call)
        #expect(first.staleRemoved == 1)
        let expected: Set<String> = [
            "index.html", "feed.xml", "sitemap.xml", "404.html", "assets/style.css", "posts/post-1/index.html", "posts/post-2/index.html",
            "posts/post-3/index.html", "tags/swift/index.html", "authors/alice/index.html", "redirects/posts/old-one", "media/keep.png", "_inkwell/pages.txt",
        ]
        #expect(files(under: root) == expected)
        #expect(try String(contentsOfFile: root + "/redirects/posts/old-one", encoding: .utf8) == "post-1")
        let page = try String(contentsOfFile: root + "/posts/post-1/index.html", encoding: .utf8)
        #expect(page.contains("Bob") && page.contains("Hi"))
        #expect(first.model.shownUsers[posts[0].id] == [PageFixtures.alice.id, PageFixtures.bob.id])

        // Same data: byte-identical files. Then the post leaves: its page goes on the next rebuild.
        let before = try Data(contentsOf: URL(fileURLWithPath: root + "/index.html"))
        _ = try await builder.rebuild(directoryRoot: root, call: call)
        #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/index.html")) == before)
        reads.state.withLock { $0.posts.removeLast(); $0.redirects = [] }
        let third = try await builder.rebuild(directoryRoot: root, call: call)
        #expect(third.staleRemoved == 2)
        #expect(!files(under: root).contains("posts/post-3/index.html") && !files(under: root).contains("redirects/posts/old-one"))
    }

    /// A rebuild renders on one task per core (over ``SiteBuilder/parallelRenderThreshold``
    /// pages); each page must come out as one page rendered alone does, and every post page's
    /// users must be recorded.
    @Test func aParallelRebuildRendersWhatEachPageAloneRenders() async throws {
        let posts = (1...90).map { PageFixtures.post(PageFixtures.summary($0, author: $0.isMultiple(of: 2) ? PageFixtures.alice : PageFixtures.bob, day: $0)) }
        var comments: [UUID: [InkwellContracts.Comment]] = [:]
        for (n, post) in posts.enumerated() where n.isMultiple(of: 3) {
            comments[post.id] = [PageFixtures.comment(n, on: post.id, by: PageFixtures.bob, body: "Comment \(n)")]
        }
        let reads = FakeReads(.init(posts: posts, users: [PageFixtures.alice.id: PageFixtures.alice, PageFixtures.bob.id: PageFixtures.bob], comments: comments))
        let call = UpstreamCall.background(logger: Logger(label: "test"))
        let whole = try makeRoot(), alone = try makeRoot()
        var rebuild = try await builder(reads, root: whole).rebuild(directoryRoot: whole, call: call)
        #expect(rebuild.outcome.written > SiteBuilder.parallelRenderThreshold * 2)
        #expect(rebuild.model.shownUsers.count == posts.count)
        let single = builder(reads, root: alone)
        for key: PageKey in [.post(slug: "post-1"), .post(slug: "post-45"), .post(slug: "post-90"), .index(1), .index(5), .author(username: "bob"), .tag(slug: "swift"), .feed, .sitemap] {
            try await single.render([key], model: &rebuild.model, call: call)
            let path = try #require(SitePaths.file(key)).string
            #expect(try Data(contentsOf: URL(fileURLWithPath: alone + "/" + path)) == Data(contentsOf: URL(fileURLWithPath: whole + "/" + path)), "\(path)")
        }
    }

    /// The bench's case: posts loaded behind the renderer's back (no events); the first comment
    /// on one makes the renderer read the post, and its page shows the comment.
    @Test func aCommentOnAPostLoadedWithoutEventsRendersItsPage() async throws {
        let root = try makeRoot()
        let reads = FakeReads(.init(posts: [], users: [PageFixtures.alice.id: PageFixtures.alice, PageFixtures.bob.id: PageFixtures.bob]))
        let builder = builder(reads, root: root)
        let call = UpstreamCall.background(logger: Logger(label: "test"))
        var model = try await builder.rebuild(directoryRoot: root, call: call).model
        let post = PageFixtures.post(PageFixtures.summary(1))
        let comment = PageFixtures.comment(1, on: post.id, by: PageFixtures.bob, body: "First!")
        reads.state.withLock { $0.posts = [post]; $0.comments = [post.id: [comment]] }
        let before = model
        try await builder.refresh(&model, for: [.comments(postId: post.id)], call: call)
        #expect(model.posts[post.id] != nil)
        try await builder.render(PageImpact.pages(for: .comments(postId: post.id), before: before, after: model), model: &model, call: call)
        #expect(try String(contentsOfFile: root + "/posts/post-1/index.html", encoding: .utf8).contains("First!"))
        #expect(try String(contentsOfFile: root + "/index.html", encoding: .utf8).contains("post-1"))
    }

    @Test func incrementalRenderRemovesAnUnpublishedPostEverywhere() async throws {
        let root = try makeRoot()
        let posts = (1...2).map { PageFixtures.post(PageFixtures.summary($0, tags: [TagRef(name: "Only \($0)", slug: "only-\($0)")])) }
        let reads = FakeReads(.init(posts: posts, users: [PageFixtures.alice.id: PageFixtures.alice]))
        let builder = builder(reads, root: root)
        let call = UpstreamCall.background(logger: Logger(label: "test"))
        var model = try await builder.rebuild(directoryRoot: root, call: call).model
        reads.state.withLock { _ = $0.posts.removeLast() }
        let before = model
        try await builder.refresh(&model, for: [.post(posts[1].id)], call: call)
        let outcome = try await builder.render(PageImpact.pages(for: .post(posts[1].id), before: before, after: model), model: &model, call: call)
        #expect(outcome.removed == 2)  // the post page and its tag's page
        #expect(!files(under: root).contains("posts/post-2/index.html") && !files(under: root).contains("tags/only-2/index.html"))
        let index = try String(contentsOfFile: root + "/index.html", encoding: .utf8)
        let feed = try String(contentsOfFile: root + "/feed.xml", encoding: .utf8)
        let sitemap = try String(contentsOfFile: root + "/sitemap.xml", encoding: .utf8)
        for file in [index, feed, sitemap] { #expect(!file.contains("post-2") && file.contains("post-1")) }
    }
}
