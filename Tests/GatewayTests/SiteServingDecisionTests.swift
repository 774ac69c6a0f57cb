@testable import GatewayService
import InkwellFileSink
import Testing

/// The value types behind page serving, without I/O: routes, HTTP dates, validators, cache bounds.
@Suite struct SiteServingDecisionTests {
    @Test func routes() throws {
        #expect(SiteRoute.resolve("/") == .file(try SinkPath("index.html")))
        #expect(SiteRoute.resolve("/page/12/") == .file(try SinkPath("page/12/index.html")))
        #expect(SiteRoute.resolve("/posts/a-b/") == .post(page: try SinkPath("posts/a-b/index.html"), slug: "a-b"))
        #expect(SiteRoute.redirectFile(slug: "a-b") == (try SinkPath("redirects/posts/a-b")))
        #expect(SiteRoute.resolve("/posts/a-b") == .redirect("/posts/a-b/"))
        #expect(SiteRoute.resolve("/authors/ann/") == .file(try SinkPath("authors/ann/index.html")))
        #expect(SiteRoute.resolve("/page/3") == .redirect("/page/3/"))
        #expect(SiteRoute.resolve("/feed.xml") == .file(try SinkPath("feed.xml")))
        #expect(SiteRoute.resolve("/sitemap.xml") == .file(try SinkPath("sitemap.xml")))
        #expect(SiteRoute.resolve("/assets/site.css") == .file(try SinkPath("assets/site.css")))
        #expect(SiteRoute.resolve("/tags/x") == .redirect("/tags/x/"))
        #expect(SiteRoute.resolve("/page/1/") == .redirect("/"))
        #expect(SiteRoute.resolve("/media/2026/ab.png") == .file(try SinkPath("media/2026/ab.png")))
        for hostile in ["/posts/../", "/posts/..%2f/", "/posts/%00/", "/posts/a b/", "/posts//", "//", "/posts/\u{e9}/", "/media/../x", "/media/.x", "/assets//x", "x", "", "/feed.xml/", "/posts/", "/posts/a/b/", "/page/02/", "/page/x/", "/page/2/3/", "/tags/a/b", "/media/", "/media/a/", "/nothing/"] {
            #expect(SiteRoute.resolve(hostile) == .notFound, "\(hostile)")
        }
    }

    @Test func httpDates() {
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(1_803_826_800) == "Sun, 29 Feb 2032 15:00:00 GMT" || HTTPDate.parse(HTTPDate.format(1_803_826_800)) == 1_803_826_800)
        for seconds in [0, 951_782_400, 1_700_000_000, 4_102_444_799] {
            #expect(HTTPDate.parse(HTTPDate.format(seconds)) == seconds)
        }
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 06 Xyz 1994 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("") == nil)
    }

    @Test func validators() {
        let tag = "\"abc-1\""
        #expect(ConditionalRequest(ifNoneMatch: tag).isNotModified(eTag: tag, lastModifiedSeconds: 10))
        #expect(ConditionalRequest(ifNoneMatch: "*").isNotModified(eTag: tag, lastModifiedSeconds: nil))
        #expect(ConditionalRequest(ifNoneMatch: " \"x\" ,W/\"abc-1\"").isNotModified(eTag: tag, lastModifiedSeconds: nil))
        #expect(!ConditionalRequest(ifNoneMatch: "\"x\"").isNotModified(eTag: tag, lastModifiedSeconds: 10))
        let date = HTTPDate.format(1000)
        #expect(ConditionalRequest(ifModifiedSince: date).isNotModified(eTag: tag, lastModifiedSeconds: 1000))
        #expect(!ConditionalRequest(ifModifiedSince: date).isNotModified(eTag: tag, lastModifiedSeconds: 1001))
        #expect(!ConditionalRequest().isNotModified(eTag: tag, lastModifiedSeconds: 1))
    }

    @Test func contentHashFollowsTheBytes() {
        let a = ContentHash.entityTag(of: Array("hello".utf8), count: 5)
        #expect(a == ContentHash.entityTag(of: Array("hello".utf8), count: 5))
        #expect(a != ContentHash.entityTag(of: Array("hellp".utf8), count: 5))
    }

    @Test func cacheStaysWithinItsBytes() {
        let cache = SiteFileCache(capacity: 100, largestFile: 60)
        let now = ContinuousClock.now
        let status = SinkFileStatus(size: 40, modifiedSeconds: 1, modifiedNanoseconds: 0, inode: 1, device: 1)
        func file(_ n: Int) -> SiteFile { SiteFile(bytes: [UInt8](repeating: 1, count: n), modifiedSeconds: 1) }
        cache.store("a", file: file(40), status: status, at: now)
        cache.store("b", file: file(40), status: status, at: now)
        _ = cache.entry("a")  // b is now the least recently used
        cache.store("c", file: file(40), status: status, at: now)
        #expect(cache.entry("b") == nil)
        #expect(cache.entry("a") != nil && cache.entry("c") != nil)
        #expect(cache.usage.bytes == 80)
        cache.store("big", file: file(61), status: status, at: now)
        #expect(cache.entry("big") == nil)
        cache.store("a", file: file(10), status: status, at: now)
        #expect(cache.usage.bytes == 50)
    }
}
