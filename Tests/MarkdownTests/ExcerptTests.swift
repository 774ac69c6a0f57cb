import InkwellMarkdown
import Testing

@Suite struct ExcerptTests {
    let renderer = MarkdownRenderer()

    @Test func shortDocumentIsWhole() {
        #expect(renderer.render("Just a few words.").excerpt() == "Just a few words.")
    }

    @Test func exactlyMaxLengthIsWhole() {
        let text = String(repeating: "a", count: 200)
        #expect(renderer.render(text).excerpt() == text)
    }

    @Test func longDocumentIsCutAtAWordWithEllipsis() {
        let words = (0..<100).map { "word\($0)" }.joined(separator: " ")
        let excerpt = renderer.render(words).excerpt()
        #expect(excerpt.count <= 200)
        #expect(excerpt.count >= 170)
        #expect(excerpt.hasSuffix("…"))
        let kept = excerpt.dropLast()
        #expect(!kept.hasSuffix(" "))
        #expect(words.hasPrefix(kept))
        // Cut between words: the next character of the source is a space.
        #expect(words[words.index(words.startIndex, offsetBy: kept.count)] == " ")
    }

    @Test func longWordIsCutMidWord() {
        let excerpt = renderer.render("short " + String(repeating: "x", count: 300)).excerpt()
        #expect(excerpt.count == 200)
        #expect(excerpt.hasSuffix("x…"))
    }

    @Test func spaceRightAtTheCutIsUsed() {
        // 199 kept characters followed by a space: the cut is already at a word boundary.
        let text = String(repeating: "a", count: 199) + " more words here"
        #expect(renderer.render(text).excerpt() == String(repeating: "a", count: 199) + "…")
    }

    @Test func customMaxLength() {
        #expect(renderer.render("one two three four").excerpt(maxLength: 10) == "one two…")
        #expect(renderer.render("one two three four").excerpt(maxLength: 1) == "…")
        #expect(renderer.render("one two three four").excerpt(maxLength: 0) == "")
    }

    @Test func whitespaceIsCollapsed() {
        let rendered = renderer.render("  first\tline\nsecond   line\n\n\n\n   third paragraph  ")
        #expect(rendered.plainText == "first line second line third paragraph")
        #expect(rendered.excerpt() == "first line second line third paragraph")
    }

    @Test func markdownSyntaxIsAbsent() {
        let rendered = renderer.render("**bold** _em_ ~~del~~ `code` [link](https://example.com/) # not heading\n\n## Heading\n\n> quoted\n\n- item")
        #expect(rendered.excerpt() == "bold em del code link # not heading Heading quoted item")
    }

    @Test func multiScalarCharactersAreNotSplit() {
        // 🧑🏽‍🚀 is one Character of four scalars; é written as e + U+0301 is one Character of two.
        let astronaut = "🧑🏽‍🚀"
        let text = String(repeating: astronaut, count: 150) + String(repeating: "e\u{301}", count: 150)
        let excerpt = renderer.render(text).excerpt()
        #expect(excerpt.count == 200)
        #expect(excerpt == String(repeating: astronaut, count: 150) + String(repeating: "e\u{301}", count: 49) + "…")
    }

    @Test func excerptOfHTMLIsText() {
        let rendered = renderer.render("Use <b>bold</b> & *em*")
        #expect(rendered.excerpt() == "Use <b>bold</b> & em")
    }
}
