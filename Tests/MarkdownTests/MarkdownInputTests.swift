import TestSupport
import InkwellMarkdown
import Testing

@Suite struct MarkdownInputTests {
    let renderer = MarkdownRenderer()

    @Test func emptyInput() {
        let rendered = renderer.render("")
        #expect(rendered == RenderedMarkdown(html: "", plainText: ""))
        #expect(rendered.excerpt() == "")
    }

    @Test func onlyWhitespace() {
        let rendered = renderer.render("  \n\t\n   \n")
        #expect(rendered.html == "")
        #expect(rendered.plainText == "")
        #expect(rendered.excerpt() == "")
    }

    @Test func nulInsideIsReplacedNotATerminator() {
        let rendered = renderer.render("before\u{0}after **bold**")
        #expect(rendered.html == "<p>before\u{FFFD}after <strong>bold</strong></p>\n")
        #expect(rendered.plainText == "before\u{FFFD}after bold")
    }

    @Test func nulInLinkTarget() {
        let html = renderer.render("[x](java\u{0}script:alert(1))").html
        #expect(HTMLAllowList.violations(in: html) == [])
    }

    @Test func hundredThousandCharacters() {
        let paragraph = "Some *text* with a [link](https://example.com/) and <b>html</b>.\n\n"
        var markdown = String(repeating: paragraph, count: 100_000 / paragraph.count)
        markdown += String(repeating: "x", count: 100_000 - markdown.count)
        #expect(markdown.count == 100_000)
        let rendered = renderer.render(markdown)
        #expect(rendered.html.hasPrefix("<p>Some <em>text</em> with a <a rel=\"nofollow noopener\" href=\"https://example.com/\">link</a> and &lt;b&gt;html&lt;/b&gt;.</p>\n"))
        #expect(HTMLAllowList.violations(in: rendered.html) == [])
        #expect(rendered.plainText.hasPrefix("Some text with a link and <b>html</b>. Some text"))
        #expect(rendered.excerpt().count <= 200)
    }

    @Test func deeplyNestedInputIsBounded() {
        // cmark bounds nesting work itself; this only checks nothing blows up or escapes.
        let html = renderer.render(String(repeating: ">", count: 10_000) + " deep " + String(repeating: "[", count: 10_000)).html
        #expect(HTMLAllowList.violations(in: html) == [])
    }

    @Test func rendersTheSameConcurrently() async {
        // Parses are serialised because cmark-gfm's inline parser shares global tables; without that
        // a concurrent parse can lose strikethrough or table cells.
        let markdown = "~~a~~ | b |\n|---|---|\n| ~~c~~ | d |\n\n" + String(repeating: "~~x~~ *y* www.example.com\n\n", count: 200)
        let expected = renderer.render(markdown)
        let renderer = self.renderer
        let results = await withTaskGroup(of: RenderedMarkdown.self) { group in
            for _ in 0..<64 {
                group.addTask { renderer.render(markdown) }
            }
            var results: [RenderedMarkdown] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 == expected })
    }
}
