import InkwellContracts
import Testing
@testable import BlogService

@Suite struct PostContentTests {
    @Test func placeholderRendererEscapesEverything() {
        let content = PostContent(title: "T", markdown: "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)> & more", tags: [], renderer: EscapingPostBodyRenderer())
        #expect(!content.bodyHtml.contains("<script"))
        #expect(!content.bodyHtml.contains("<img"))
        #expect(content.bodyHtml == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>\n<p>&lt;img src=x onerror=alert(1)&gt; &amp; more</p>\n")
        #expect(content.bodyText == "<script>alert('x')</script> <img src=x onerror=alert(1)> & more")
    }

    @Test func excerptIsAboutTwoHundredCharacters() {
        let body = String(repeating: "word ", count: 100)
        let excerpt = PostContent(title: "T", markdown: body, tags: [], renderer: EscapingPostBodyRenderer()).excerpt
        #expect(excerpt.count <= 201)
        #expect(excerpt.hasSuffix("word…"))
        #expect(PostContent(title: "T", markdown: "short", tags: [], renderer: EscapingPostBodyRenderer()).excerpt == "short")
    }

    @Test func searchVectorBindsItsValues() {
        let vector = PostContent(title: "Title'; DROP", tags: [TagRef(name: "Swift", slug: "swift"), TagRef(name: "Server Side", slug: "server-side")], bodyHtml: "", excerpt: "", bodyText: "body").searchVector
        #expect(vector.binds.count == 3)
        #expect(!vector.sql.contains("DROP"))
        #expect(vector.sql.contains("'A'") && vector.sql.contains("'B'") && vector.sql.contains("'C'"))
    }
}
