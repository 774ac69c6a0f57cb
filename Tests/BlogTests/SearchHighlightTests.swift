import InkwellPostgres
import Testing
@testable import BlogService

/// The highlight is escaped first and marked second: no text of a post can become markup.
@Suite struct SearchHighlightTests {
    let s = "\u{E000}", e = "\u{E001}"

    @Test func marksTheHitsAndEscapesEverythingElse() {
        #expect(SearchHighlight.html(fromHeadline: "learn \(s)Swift\(e) & <b>\(s)actors\(e)</b>") ==
            "learn <mark>Swift</mark> &amp; &lt;b&gt;<mark>actors</mark>&lt;/b&gt;")
    }

    @Test func aScriptInTheBodyStaysText() {
        let html = SearchHighlight.html(fromHeadline: "<script>alert('\(s)xss\(e)')</script> \"q\" <img src=x onerror=alert(1)>")
        #expect(html == "&lt;script&gt;alert(&#39;<mark>xss</mark>&#39;)&lt;/script&gt; &quot;q&quot; &lt;img src=x onerror=alert(1)&gt;")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
    }

    @Test func entitiesInTheTextAreEscapedNotDecoded() {
        #expect(SearchHighlight.html(fromHeadline: "&lt;script&gt; &#x3C;") == "&amp;lt;script&amp;gt; &amp;#x3C;")
    }

    @Test func marksAreBalancedWhateverTheSentinels() {
        // A stop without a start, a start inside a mark, an unclosed mark.
        #expect(SearchHighlight.html(fromHeadline: "a\(e) \(s)b \(s)c\(e) \(s)d") == "a <mark>b c</mark> <mark>d</mark>")
        #expect(SearchHighlight.html(fromHeadline: "") == "")
        #expect(SearchHighlight.html(fromHeadline: "\(s)\(e)") == "<mark></mark>")
    }

    @Test func otherTextPassesUnchanged() {
        #expect(SearchHighlight.html(fromHeadline: "Ünïcode Straße 🎉 \(s)naïve\(e) … e\u{301}") == "Ünïcode Straße 🎉 <mark>naïve</mark> … e\u{301}")
    }

    @Test func hiddenAnglesComeBackEscapedWithoutTheirSpaces() {
        let lt = SearchHighlight.hiddenLessThan, gt = SearchHighlight.hiddenGreaterThan
        // `see <em>kafka</em> a < b` as the query hides it, the hit marked.
        let headline = "see \(lt)em\(gt)\(s)kafka\(e)\(lt)/em\(gt) a \(lt) b"
        #expect(SearchHighlight.html(fromHeadline: headline) == "see &lt;em&gt;<mark>kafka</mark>&lt;/em&gt; a &lt; b")
        // A fragment that starts or ends at a hidden angle.
        #expect(SearchHighlight.html(fromHeadline: "\u{E002} script") == "&lt;script")
        #expect(SearchHighlight.html(fromHeadline: "x \u{E003}") == "x&gt;")
    }

    @Test func theHeadlineOptionsNameTheSentinels() {
        #expect(SearchHighlight.headlineOptions.contains("StartSel=\(s),"))
        #expect(SearchHighlight.headlineOptions.contains("StopSel=\(e),"))
        #expect(Set(SearchHighlight.privateUse.unicodeScalars) == [SearchHighlight.start, SearchHighlight.stop, SearchHighlight.lessThan, SearchHighlight.greaterThan])
        #expect(SearchHighlight.hiddenText("body_text").binds.count == 3)
    }
}
