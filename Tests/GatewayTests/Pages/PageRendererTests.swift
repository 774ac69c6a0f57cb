import Foundation
import GatewayService
import InkwellContracts
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct PageRendererTests {
    let renderer = PageRenderer(site: PageFixtures.site)

    func text(_ bytes: [UInt8]?) -> String { String(decoding: bytes ?? [], as: UTF8.self) }

    @Test func postPageShowsTheArticleAndTheThread() {
        let model = PageFixtures.model(posts: 3)
        let summary = model.posts[PageFixtures.id(102)]!
        let reply = PageFixtures.comment(2, on: summary.id, by: PageFixtures.alice, body: "Thanks!")
        let comment = PageFixtures.comment(1, on: summary.id, by: PageFixtures.bob, body: "Nice\nsee https://x.test", replies: [reply])
        let page = renderer.post(PageFixtures.post(summary), comments: [comment], in: model)
        let html = text(page.bytes)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Post number 2 · Inkwell</title>"))
        #expect(html.contains(#"<link rel="canonical" href="https://blog.test/posts/post-2/">"#))
        #expect(html.contains(#"<meta property="og:title" content="Post number 2">"#))
        #expect(html.contains(#"<meta property="og:description" content="The excerpt of post 2.">"#))
        #expect(html.contains(#"<meta property="og:url" content="https://blog.test/posts/post-2/">"#))
        #expect(html.contains(#"<a href="/authors/alice/" rel="author">Alice Liddell</a>"#))
        #expect(html.contains("3 June 2026"))
        #expect(html.contains(#"<a href="/tags/swift/" rel="tag">Swift</a>"#))
        #expect(html.contains("<p>Hello <em>world</em>.</p>"))
        #expect(html.contains("2 comments"))
        #expect(html.contains(#"Nice<br>"#) && html.contains(#"rel="nofollow ugc""#))
        // The reply is nested in its parent's thread.
        let parent = html.range(of: "comment-\(comment.id.uuidString.lowercased())")!
        let nested = html.range(of: "comment-\(reply.id.uuidString.lowercased())")!
        #expect(parent.lowerBound < nested.lowerBound)
        #expect(html[parent.upperBound..<nested.lowerBound].contains(#"<ol class="thread">"#))
        #expect(page.shownUsers == [PageFixtures.alice.id, PageFixtures.bob.id])
    }

    @Test func indexPagesPaginateNewestFirst() {
        let model = PageFixtures.model(posts: 45)
        #expect(model.indexPageCount == 3)
        let first = text(renderer.index(1, in: model))
        #expect(first.contains("Post number 45") && !first.contains("Post number 25<"))
        #expect(first.range(of: "Post number 45")!.lowerBound < first.range(of: "Post number 44")!.lowerBound)
        #expect(first.contains(#"href="/page/2/">Older posts"#) && !first.contains("Newer posts"))
        let second = text(renderer.index(2, in: model))
        #expect(second.contains(#"href="/">← Newer posts"#) && second.contains(#"href="/page/3/">Older posts"#))
        #expect(second.contains(#"<link rel="canonical" href="https://blog.test/page/2/">"#))
        let last = text(renderer.index(3, in: model))
        #expect(last.contains("Post number 1<") && !last.contains("Older posts"))
        #expect(first.contains("No comments"))
    }

    @Test func hostileUserTextIsEscapedEverywhere() {
        for payload in XSSPayloads.all {
            let evil = PublicUser(id: PageFixtures.id(9), username: "mallory", displayName: payload, bio: payload, createdAt: PageFixtures.date(0))
            let summary = PostSummary(
                id: PageFixtures.id(900), slug: "evil", title: payload, excerpt: payload, publishedAt: PageFixtures.date(1), authorId: evil.id,
                tags: [TagRef(name: payload, slug: "evil-tag")], coverImageUrl: "javascript:alert(1)"
            )
            var model = SiteModel()
            model.setPosts([summary])
            model.addUsers([evil.id: evil])
            let comment = PageFixtures.comment(1, on: summary.id, by: evil, body: payload)
            let pages = [
                text(renderer.post(PageFixtures.post(summary, html: "<p>safe</p>"), comments: [comment], in: model).bytes),
                text(renderer.index(1, in: model)), text(renderer.tag("evil-tag", in: model)), text(renderer.author("mallory", in: model)),
                text(renderer.feed(model)), text(renderer.sitemap(model)),
            ]
            for page in pages {
                #expect(!page.contains("<script"), "unescaped script for \(payload)")
                #expect(!page.contains("onerror=alert") || page.contains("onerror=alert(1)&gt;") || !page.contains("<img src=x"), "\(payload)")
                #expect(!page.contains("<img src=x") && !page.contains("<svg"), "unescaped tag for \(payload)")
                #expect(!page.contains(#"" onmouseover=""#), "attribute escape for \(payload)")
                #expect(!page.contains("href=\"javascript") && !page.contains("src=\"javascript"), "script URL in an attribute for \(payload)")
                #expect(!page.unicodeScalars.contains { $0.value < 0x09 || $0.value == 0x7F }, "control character for \(payload)")
            }
        }
    }

    @Test func renderingIsDeterministic() {
        var a = SiteModel(), b = SiteModel()
        let posts = (1...30).map { PageFixtures.summary($0, tags: [TagRef(name: "T\($0 % 3)", slug: "t\($0 % 3)"), TagRef(name: "All", slug: "all")]) }
        a.setPosts(posts)
        b.setPosts(posts.reversed())
        a.addUsers([PageFixtures.alice.id: PageFixtures.alice])
        b.addUsers([PageFixtures.alice.id: PageFixtures.alice])
        for page in 1...2 { #expect(renderer.index(page, in: a) == renderer.index(page, in: b)) }
        #expect(renderer.tag("all", in: a) == renderer.tag("all", in: b))
        #expect(renderer.author("alice", in: a) == renderer.author("alice", in: b))
        #expect(renderer.feed(a) == renderer.feed(b))
        #expect(renderer.sitemap(a) == renderer.sitemap(b))
        let post = PageFixtures.post(posts[0])
        #expect(renderer.post(post, comments: [], in: a).bytes == renderer.post(post, comments: [], in: b).bytes)
        #expect(renderer.index(1, in: a) == renderer.index(1, in: a))
    }

    @Test func pagesThatDoNotExistRenderNothing() {
        var model = PageFixtures.model(posts: 2)
        #expect(renderer.tag("nope", in: model) == nil)
        #expect(renderer.author("nobody", in: model) == nil)
        #expect(renderer.redirect("old", in: model) == nil)
        model.setRedirects([SlugRedirect(slug: "old", postId: PageFixtures.id(101))], forPosts: nil)
        #expect(text(renderer.redirect("old", in: model)) == "post-1")
    }

    @Test func feedIsAtomWithTheNewestTwenty() throws {
        let model = PageFixtures.model(posts: 25)
        let feed = renderer.feed(model)
        let document = try XMLDocument(data: Data(feed))
        let root = try #require(document.rootElement())
        #expect(root.name == "feed" && root.uri == "http://www.w3.org/2005/Atom")
        let entries = root.elements(forName: "entry")
        #expect(entries.count == 20)
        #expect(entries.first?.elements(forName: "title").first?.stringValue == "Post number 25")
        #expect(root.elements(forName: "updated").first?.stringValue == HumanDate(PageFixtures.date(25)).iso)
        #expect(String(decoding: feed, as: UTF8.self).contains(#"<link rel="alternate" type="text/html" href="https://blog.test/posts/post-25/"/>"#))
        for entry in entries {
            for name in ["title", "id", "updated", "author", "link"] { #expect(!entry.elements(forName: name).isEmpty) }
        }
    }

    @Test func sitemapListsEveryPage() throws {
        let model = PageFixtures.model(posts: 25)
        let document = try XMLDocument(data: Data(renderer.sitemap(model)))
        let root = try #require(document.rootElement())
        #expect(root.name == "urlset" && root.uri == "http://www.sitemaps.org/schemas/sitemap/0.9")
        let locations = Set(root.elements(forName: "url").compactMap { $0.elements(forName: "loc").first?.stringValue })
        // 2 index pages, 25 posts, 1 tag, 2 authors.
        #expect(locations.count == 30)
        for expected in ["https://blog.test/", "https://blog.test/page/2/", "https://blog.test/posts/post-7/", "https://blog.test/tags/swift/", "https://blog.test/authors/bob/"] {
            #expect(locations.contains(expected))
        }
    }

    @Test func everyHTMLPageHasTheHead() {
        let model = PageFixtures.model(posts: 2)
        for page in [renderer.index(1, in: model), renderer.tag("swift", in: model)!, renderer.author("alice", in: model)!, renderer.notFound()] {
            let html = text(page)
            for part in ["<!DOCTYPE html>", "<html lang=\"en\">", "<title>", "rel=\"canonical\"", "og:title", "og:description", "og:url", "class=\"site-name\"", "</html>"] {
                #expect(html.contains(part), "missing \(part)")
            }
        }
    }
}
