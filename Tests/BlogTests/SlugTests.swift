import Testing
@testable import BlogService

@Suite struct SlugTests {
    @Test(arguments: [
        ("Ünïcode Straße", "unicode-strasse"),
        ("Hello, World!", "hello-world"),
        ("  --Swift 6.3 -- on Linux--  ", "swift-6-3-on-linux"),
        ("Crème brûlée à la carte", "creme-brulee-a-la-carte"),
        ("Ærø Łódź Øresund", "aero-lodz-oresund"),
        ("日本語", "post"),
        ("!!!", "post"),
        ("", "post"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
    ])
    func derivesFromTitles(title: String, slug: String) {
        #expect(Slug.derive(from: title) == slug)
        #expect(Slug.isValid(Slug.derive(from: title)))
    }

    @Test func cutsLongTitlesAtAWordBoundary() {
        let title = String(repeating: "abcdefghi ", count: 20)  // words of 9: 9, 19, 29, ... 79, 89
        let slug = Slug.derive(from: title)
        #expect(slug.utf8.count == 79)
        #expect(!slug.hasSuffix("-"))
        #expect(Slug.isValid(slug))
        // A single word longer than the limit is cut hard.
        #expect(Slug.derive(from: String(repeating: "x", count: 200)) == String(repeating: "x", count: 80))
        // A boundary right at the limit keeps all 80.
        let exact = String(repeating: "a", count: 80) + " b"
        #expect(Slug.derive(from: exact) == String(repeating: "a", count: 80))
    }

    @Test func numbersStayWithinTheLimit() {
        #expect(Slug.numbered("hello", 1) == "hello")
        #expect(Slug.numbered("hello", 2) == "hello-2")
        let long = String(repeating: "abcd-", count: 16).dropLast()  // 79 bytes
        let numbered = Slug.numbered(String(long), 12)
        #expect(numbered.utf8.count <= 80)
        #expect(numbered.hasSuffix("-12"))
        #expect(Slug.isValid(numbered))
    }

    @Test(arguments: ["a", "a-b", "abc-123-x", String(repeating: "a", count: 80)])
    func acceptsValidSlugs(slug: String) { #expect(Slug.isValid(slug)) }

    @Test(arguments: ["", "-a", "a-", "a--b", "A", "a_b", "a b", "ä", "a/b", String(repeating: "a", count: 81), "a\u{0}"])
    func refusesInvalidSlugs(slug: String) { #expect(!Slug.isValid(slug)) }
}
