import TestSupport
import InkwellMarkdown
import Testing

@Suite struct MarkdownFeatureTests {
    let renderer = MarkdownRenderer()

    @Test func table() {
        let html = renderer.render("| a | b |\n|:--|--:|\n| 1 | 2 |").html
        #expect(html.contains("<table>"))
        #expect(html.contains("<th align=\"left\">a</th>"))
        #expect(html.contains("<td align=\"right\">2</td>"))
        #expect(HTMLAllowList.violations(in: html) == [])
    }

    @Test func strikethrough() {
        #expect(renderer.render("~~gone~~").html == "<p><del>gone</del></p>\n")
    }

    @Test func bareAutolinks() {
        let html = renderer.render("see www.example.com and https://example.org/x?y=1 or a@example.com").html
        #expect(html.contains("<a rel=\"nofollow noopener\" href=\"http://www.example.com\">www.example.com</a>"))
        #expect(html.contains("<a rel=\"nofollow noopener\" href=\"https://example.org/x?y=1\">https://example.org/x?y=1</a>"))
        #expect(html.contains("<a rel=\"nofollow noopener\" href=\"mailto:a@example.com\">a@example.com</a>"))
    }

    @Test func bareAutolinkWithRefusedSchemeStaysText() {
        // The autolink extension also links ftp:// and xmpp: addresses; the policy turns them back into text.
        #expect(renderer.render("get ftp://example.com/file or xmpp:a@example.com").html == "<p>get ftp://example.com/file or xmpp:a@example.com</p>\n")
    }

    @Test func angleAutolink() {
        #expect(renderer.render("<https://example.com/>").html
            == "<p><a rel=\"nofollow noopener\" href=\"https://example.com/\">https://example.com/</a></p>\n")
    }

    @Test func taskList() {
        let html = renderer.render("- [ ] todo\n- [x] done").html
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\" /> todo"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done"))
        #expect(HTMLAllowList.violations(in: html) == [])
    }

    @Test func commonMarkBasics() {
        let html = renderer.render("# Title\n\nSome *em* and **strong** `code`.\n\n> quote\n\n1. one\n2. two\n\n---\n\n```swift\nlet x = 1\n```\n\nline  \nbreak").html
        #expect(html.contains("<h1>Title</h1>"))
        #expect(html.contains("<em>em</em> and <strong>strong</strong> <code>code</code>"))
        #expect(html.contains("<blockquote>\n<p>quote</p>\n</blockquote>"))
        #expect(html.contains("<ol>\n<li>one</li>"))
        #expect(html.contains("<hr />"))
        #expect(html.contains("<pre><code class=\"language-swift\">let x = 1\n</code></pre>"))
        #expect(html.contains("line<br />\nbreak"))
        #expect(HTMLAllowList.violations(in: html) == [])
    }

    @Test func imageWithAllowedSource() {
        #expect(renderer.render("![a cat](https://example.com/cat.png \"Cat\")").html
            == "<p><img src=\"https://example.com/cat.png\" alt=\"a cat\" title=\"Cat\" /></p>\n")
    }

    @Test(arguments: [
        "https://example.com/a", "http://example.com/a", "HTTPS://EXAMPLE.COM/", "mailto:someone@example.com",
        "/relative", "#frag", "../x", "./x", "?q=1", "x.html", "//example.com/protocol-relative", "/a:b", "#a:b", "?a=b:c",
    ])
    func allowedLinkStays(_ target: String) {
        let html = renderer.render("[x](\(target))").html
        #expect(html.hasPrefix("<p><a rel=\"nofollow noopener\" href=\""), "\(target) → \(html)")
        #expect(HTMLAllowList.violations(in: html) == [])
    }

    @Test(arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html,x", "file:///etc/passwd",
        "ftp://example.com/", "httpx://example.com/", "mailto2:x", "tel:123", "a.b:c", "\\\\x:y",
        "&#106;avascript:x", "java&#9;script:x", "&#32;https://example.com/", "%6Aavascript:x",
        "<java script:x>", "<https ://example.com/>",
    ])
    func refusedLinkLosesItsTarget(_ target: String) {
        let html = renderer.render("[x](\(target))").html
        #expect(!html.contains("<a"), "\(target) → \(html)")
        #expect(html.hasPrefix("<p>x"), "\(target) → \(html)")
    }

    @Test func httpsWithEntityColonIsStillHTTPS() {
        // `&#58;` decodes to `:` before the check, as it would in the browser: an allowed scheme.
        let html = renderer.render("[x](https&#58;//example.com/)").html
        #expect(html == "<p><a rel=\"nofollow noopener\" href=\"https://example.com/\">x</a></p>\n")
    }

    @Test func plainTextHasWordsNotMarkup() {
        let rendered = renderer.render("# Title\n\nSome **bold** and [a link](https://example.com/secret-url) ![alt text](/i.png)\n\n```\ncode  block\n```\n\n| a | b |\n|---|---|\n| c | d |\n\n- [x] task")
        #expect(rendered.plainText == "Title Some bold and a link alt text code block a b c d task")
    }
}
