import TestSupport
import InkwellMarkdown
import Testing

@Suite struct MarkdownSafetyTests {
    let renderer = MarkdownRenderer()

    /// The tags the renderer writes, spelled as they would appear in text: none may be in the plain
    /// text unless the author typed it.
    static let renderedMarkup = ["<p>", "<a ", "<img ", "<em>", "<strong>", "<code", "<pre>", "<del>", "<li>", "<table>", "<td>", "<input ", "&lt;", "&amp;", "&quot;"]

    @Test(arguments: XSSCorpus.payloads)
    func payloadRendersOnlyAllowedMarkup(_ payload: String) {
        let rendered = renderer.render(payload)
        #expect(HTMLAllowList.violations(in: rendered.html) == [], "\(payload) → \(rendered.html)")
        // Escaped, these are text (`&lt;script`); schemes may be text too, the checker judges attributes.
        let lowered = rendered.html.lowercased()
        for forbidden in ["<script", "<iframe", "<svg", "<style", "<math", "<form", "<object", "<embed", "raw html omitted"] {
            #expect(!lowered.contains(forbidden), "\(forbidden) in \(rendered.html)")
        }
        for markup in Self.renderedMarkup where !payload.contains(markup) {
            #expect(!rendered.plainText.contains(markup), "\(markup) in plain text \(rendered.plainText)")
            #expect(!rendered.excerpt().contains(markup), "\(markup) in excerpt \(rendered.excerpt())")
        }
    }

    @Test func corpusIsLargeEnough() {
        #expect(XSSCorpus.payloads.count >= 40)
    }

    @Test func rawInlineHTMLIsShownAsText() {
        let rendered = renderer.render("Hello <b>x</b>")
        #expect(rendered.html == "<p>Hello &lt;b&gt;x&lt;/b&gt;</p>\n")
        #expect(rendered.plainText == "Hello <b>x</b>")
    }

    @Test func rawHTMLBlockIsShownAsCode() {
        let rendered = renderer.render("<div onclick=x>hi</div>\n\nafter")
        #expect(rendered.html == "<pre><code>&lt;div onclick=x&gt;hi&lt;/div&gt;\n</code></pre>\n<p>after</p>\n")
        #expect(rendered.plainText == "<div onclick=x>hi</div> after")
    }

    @Test func scriptBlockIsShownAsCode() {
        let rendered = renderer.render("<script>\nalert(1)\n</script>")
        #expect(rendered.html == "<pre><code>&lt;script&gt;\nalert(1)\n&lt;/script&gt;\n</code></pre>\n")
    }

    @Test func htmlCommentIsShownAsText() {
        let rendered = renderer.render("a <!-- hidden --> b")
        #expect(rendered.html == "<p>a &lt;!-- hidden --&gt; b</p>\n")
    }

    @Test func escapedEntitiesStayText() {
        let rendered = renderer.render("&lt;script&gt;")
        #expect(rendered.html == "<p>&lt;script&gt;</p>\n")
        #expect(rendered.plainText == "<script>")
    }

    @Test func refusedLinkKeepsItsText() {
        #expect(renderer.render("[click *me*](javascript:alert(1))").html == "<p>click <em>me</em></p>\n")
        #expect(renderer.render("see [x][1]\n\n[1]: JaVaScRiPt:alert(1)").html == "<p>see x</p>\n")
        #expect(renderer.render("<javascript:alert(1)>").html == "<p>javascript:alert(1)</p>\n")
    }

    @Test func refusedImageBecomesItsAltText() {
        #expect(renderer.render("![a cat](data:image/png;base64,AAAA)").html == "<p>a cat</p>\n")
        #expect(renderer.render("![a *cat*](javascript:alert(1))").html == "<p>a <em>cat</em></p>\n")
    }

    @Test func refusedImageInsideAllowedLinkIsUnwrappedAlone() {
        #expect(renderer.render("[![cat](javascript:1)](https://example.com/)").html
            == "<p><a rel=\"nofollow noopener\" href=\"https://example.com/\">cat</a></p>\n")
    }

    @Test func refusedLinkAroundAllowedImageKeepsTheImage() {
        #expect(renderer.render("[![cat](/cat.png)](javascript:1)").html == "<p><img src=\"/cat.png\" alt=\"cat\" /></p>\n")
    }

    @Test func titleQuotesAreEscaped() {
        // The corpus form `"\" onmouseover=alert(1))` never closes its title, so it is no link at all;
        // this one is a link whose title holds quotes.
        let rendered = renderer.render(#"[x](http://a "\" onmouseover=\"alert(1)")"#)
        #expect(rendered.html == "<p><a rel=\"nofollow noopener\" href=\"http://a\" title=\"&quot; onmouseover=&quot;alert(1)\">x</a></p>\n")
    }

    @Test func checkerCatchesWhatItShould() {
        #expect(!HTMLAllowList.violations(in: "<script>x</script>").isEmpty)
        #expect(!HTMLAllowList.violations(in: "<p onclick=\"x\">a</p>").isEmpty)
        #expect(!HTMLAllowList.violations(in: "<a href=\"javascript:x\">a</a>").isEmpty)
        #expect(!HTMLAllowList.violations(in: "<a href=\"&#106;avascript:x\">a</a>").isEmpty)
        #expect(!HTMLAllowList.violations(in: "<img src=\"data:image/png,x\" />").isEmpty)
        #expect(!HTMLAllowList.violations(in: "<!-- x -->").isEmpty)
        #expect(!HTMLAllowList.violations(in: "<input type=\"text\" />").isEmpty)
        #expect(!HTMLAllowList.violations(in: "a < b").isEmpty)
        #expect(HTMLAllowList.violations(in: "<p><a rel=\"nofollow noopener\" href=\"/x?a=1&amp;b=2\">a</a></p>\n") == [])
    }
}
