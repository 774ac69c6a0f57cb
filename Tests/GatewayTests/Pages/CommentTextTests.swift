import GatewayService
import Testing

@Suite struct CommentTextTests {
    @Test func keepsLineBreaks() {
        #expect(CommentText("one\ntwo\r\nthree\rfour").html == "one<br>\ntwo<br>\nthree<br>\nfour")
    }

    @Test func linksHTTPAndHTTPS() {
        #expect(CommentText("see https://example.test/a?b=1&c=2.").html
            == #"see <a href="https://example.test/a?b=1&amp;c=2" rel="nofollow ugc">https://example.test/a?b=1&amp;c=2</a>."#)
        #expect(CommentText("(HTTP://x.test)").html == #"(<a href="HTTP://x.test" rel="nofollow ugc">HTTP://x.test</a>)"#)
    }

    @Test(arguments: ["javascript:alert(1)", "ftp://x.test/", "http://", "https://", "xhttp://evil.test", "data:text/html,<b>"])
    func doesNotLinkOtherSchemesOrBareSchemes(_ text: String) {
        #expect(!CommentText(text).html.contains("<a "))
    }

    @Test func aQuoteEndsTheLinkAndIsEscaped() {
        let html = CommentText(#"https://x.test/"onmouseover="alert(1)"#).html
        #expect(html == #"<a href="https://x.test/" rel="nofollow ugc">https://x.test/</a>&quot;onmouseover=&quot;alert(1)"#)
    }

    @Test func angleBracketsEndTheLink() {
        let html = CommentText("https://x.test/<script>alert(1)</script>").html
        #expect(html.hasPrefix(#"<a href="https://x.test/" rel="nofollow ugc">https://x.test/</a>&lt;script&gt;"#))
        #expect(!html.contains("<script"))
    }

    @Test func escapesEverythingElse() {
        #expect(CommentText(#"<b>&"'</b>"#).html == "&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;")
    }

    @Test(arguments: XSSPayloads.all)
    func hostileTextNeverBecomesMarkup(_ payload: String) {
        let html = CommentText(payload).html
        // The only tags are the ones CommentText makes: <br> and <a href=... rel="nofollow ugc">.
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            let tail = rest[open...]
            #expect(tail.hasPrefix("<br>") || tail.hasPrefix("<a href=\"http") || tail.hasPrefix("</a>"), "unexpected markup in \(html)")
            rest = rest[rest.index(after: open)...]
        }
        #expect(!html.contains("javascript:") || !html.contains("href=\"javascript"))
    }
}
