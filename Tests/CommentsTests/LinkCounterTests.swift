import Testing
@testable import CommentsService

/// Links as a spammer writes them (README "What counts as a link").
@Suite struct LinkCounterTests {
    @Test(arguments: [
        ("no links here", 0),
        ("see https://example.com", 1),
        ("see http://example.com and HTTPS://EXAMPLE.ORG/x", 2),
        ("glued http://a.comhttp://b.com", 2),
        ("(https://example.com)", 1),
        ("[text](https://example.com/path)", 1),
        ("www.example.com", 1),
        ("WWW.cheap-pills.ru.", 1),
        ("buy at spam.biz now", 1),
        ("example.com/path?x=1", 1),
        ("cheap-pills.ru, pills.xyz; meds.top!", 3),
        ("sub.domain.example.co.uk/page", 1),
        ("例子.com", 1),
        ("example.com:8080/x", 1),
        ("e.g. this, i.e. that", 0),
        ("pi is 3.14 and v1.2.3", 0),
        ("open index.html or main.swift", 0),
        ("Mr.Smith said hello.There", 0),
        ("I use Node.js and app.ts", 0),
        ("mail me at someone@example.com", 0),
        ("a..com .com com. www.", 0),
        ("http:// alone", 1),
    ] as [(String, Int)])
    func counts(_ text: String, _ expected: Int) {
        #expect(LinkCounter.count(text) == expected, "\(text)")
    }

    @Test func countsManyLinksInALongBody() {
        let body = Array(repeating: "visit spam.biz", count: 100).joined(separator: "\n")
        #expect(LinkCounter.count(body) == 100)
    }
}
