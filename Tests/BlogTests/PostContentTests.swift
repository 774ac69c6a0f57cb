import InkwellContracts
import Testing
@testable import BlogService

@Suite struct PostContentTests {
    @Test func bodiesAreRenderedMarkdownWithRawHTMLEscaped() {
        let content = PostContent(
            title: "T", markdown: "# Hi\n\n<script>alert('x')</script>\n\n**bold** <img src=x onerror=alert(1)> [x](javascript:alert(1)) ~~gone~~",
            tags: [], renderer: MarkdownPostBodyRenderer()
        )
        #expect(content.bodyHtml.contains("<h1>Hi</h1>"))
        #expect(content.bodyHtml.contains("<strong>bold</strong>"))
        #expect(content.bodyHtml.contains("<del>gone</del>"))
        #expect(content.bodyHtml.contains("&lt;script&gt;"))
        #expect(!content.bodyHtml.contains("<script"))
        #expect(!content.bodyHtml.contains("<img"))
        #expect(!content.bodyHtml.contains("javascript:"))
        #expect(content.bodyText.contains("bold"))
        #expect(!content.bodyText.contains("**"))
    }

    @Test func excerptIsAboutTwoHundredCharacters() {
        let body = String(repeating: "word ", count: 100)
        let excerpt = PostContent(title: "T", markdown: body, tags: [], renderer: MarkdownPostBodyRenderer()).excerpt
        #expect(excerpt.count <= 201)
        #expect(excerpt.hasSuffix("word…"))
        #expect(PostContent(title: "T", markdown: "short", tags: [], renderer: MarkdownPostBodyRenderer()).excerpt == "short")
    }

    @Test func searchVectorBindsItsValues() {
        let vector = PostContent(title: "Title'; DROP", tags: [TagRef(name: "Swift", slug: "swift"), TagRef(name: "Server Side", slug: "server-side")], bodyHtml: "", excerpt: "", bodyText: "body").searchVector
        #expect(vector.binds.count == 3)
        #expect(!vector.sql.contains("DROP"))
        #expect(vector.sql.contains("'A'") && vector.sql.contains("'B'") && vector.sql.contains("'C'"))
    }
}
