import Foundation
import InkwellCore
import InkwellContracts
import InkwellServiceKit
import Testing
@testable import BlogService

@Suite struct PostRulesTests {
    func fields(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let error as HTTPProblem {
            #expect(error.status == .unprocessableContent)
            return error.errors?.map(\.field) ?? []
        } catch {
            Issue.record("unexpected \(error)")
            return []
        }
    }

    @Test func validCreateIsNormalised() throws {
        let post = try PostCreateRequest(title: "  Hello  ", body: "Text", tags: ["Swift", " swift ", "Server  Side"], status: "published",
                                         publishAt: "2026-11-21T10:00:00Z", slug: "hello", coverImageUrl: "/media/abc.png").validated()
        #expect(post.title == "Hello")
        #expect(post.tags.map(\.slug) == ["swift", "server-side"])
        #expect(post.tags.map(\.name) == ["Swift", "Server Side"])
        #expect(post.status == .published)
        #expect(post.publishAt == InkwellJSON.parseDate("2026-11-21T10:00:00Z"))
    }

    @Test func everyBadFieldIsNamedInOneProblem() {
        let bad = PostCreateRequest(
            title: String(repeating: "t", count: 201), body: "a\u{0}b", tags: ["ok", "", String(repeating: "x", count: 41), "!!!"], status: "live",
            publishAt: "tomorrow", slug: "Not A Slug", coverImageUrl: "javascript:alert(1)")
        #expect(fields { _ = try bad.validated() } == ["title", "body", "tags.1", "tags.2", "tags.3", "status", "publishAt", "slug", "coverImageUrl"])
        #expect(fields { _ = try PostCreateRequest().validated() } == ["title", "body"])
    }

    @Test func lengthsCountUnicodeScalars() {
        // One character made of 201 scalars is too long a title.
        let combined = "e" + String(repeating: "\u{301}", count: 200)
        #expect(PostRules.titleProblem(combined) != nil)
        #expect(PostRules.titleProblem(String(repeating: "é", count: 200)) == nil)
        #expect(PostRules.titleProblem("") != nil)
        #expect(PostRules.bodyProblem(String(repeating: "a", count: 100_000)) == nil)
        #expect(PostRules.bodyProblem(String(repeating: "a", count: 100_001)) != nil)
        #expect(PostRules.bodyProblem("") == nil)
    }

    @Test func controlCharacters() {
        #expect(PostRules.bodyProblem("line\tone\r\nline two\n") == nil)
        for control in ["\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}"] {
            #expect(PostRules.bodyProblem("a\(control)b") != nil)
            #expect(PostRules.titleProblem("a\(control)b") != nil)
        }
        #expect(PostRules.titleProblem("a\tb") != nil)
        #expect(PostRules.titleProblem("a\nb") != nil)
        #expect(TagName.parse("a\u{0}") == .failure(TagNameProblem(message: PostRules.controlMessage)))
    }

    @Test func tags() {
        #expect(fields { _ = try PostCreateRequest(title: "t", body: "", tags: (0..<11).map { "tag\($0)" }).validated() } == ["tags"])
        // Eleven spellings of one tag are one tag.
        let same = try? PostCreateRequest(title: "t", body: "", tags: (0..<11).map { $0 % 2 == 0 ? "Swift" : "SWIFT" }).validated()
        #expect(same?.tags == [TagName(name: "Swift", slug: "swift")])
        #expect(TagName.parse("Ünïcode Straße") == .success(TagName(name: "Ünïcode Straße", slug: "unicode-strasse")))
        #expect((try? TagName.parse(String(repeating: "ß", count: 40)).get())?.slug.utf8.count == 80)
        if case .success = TagName.parse("日本") { Issue.record("a tag without an ASCII slug was accepted") }
        if case .success = TagName.parse("   ") { Issue.record("a blank tag was accepted") }
    }

    @Test(arguments: ["https://example.org/a.png", "http://cdn.example.org/x?y=1", "/media/abc.png", "HTTPS://EXAMPLE.ORG/a"])
    func acceptsCoverImageURLs(url: String) { #expect(PostRules.coverImageURLProblem(url) == nil) }

    @Test(arguments: ["javascript:alert(1)", "data:image/png;base64,xx", "//evil.example/x", "/other/x.png", "/media/", "https://", "http:///x",
                      "https://a.org/\"onerror=x", "https://a.org/<x>", "https://a.org/ x", "/media/../secret", "ftp://a.org/x",
                      "https://a.org/" + String(repeating: "a", count: 2000)])
    func refusesCoverImageURLs(url: String) { #expect(PostRules.coverImageURLProblem(url) != nil) }

    @Test(arguments: ["2026-11-21T10:00:00Z", "2026-11-21T10:00:00.123Z", "2026-11-21T12:00:00+02:00"])
    func acceptsRFC3339(value: String) { #expect(PostRules.publishAt(value) != nil) }

    @Test(arguments: ["2026-11-21", "2026-11-21 10:00:00", "10:00", "yesterday", "", "2026-13-01T00:00:00Z"])
    func refusesOtherTimes(value: String) { #expect(PostRules.publishAt(value) == nil) }

    @Test func wrongTypesAreRefusedByTheDecoder() throws {
        #expect(throws: DecodingError.self) { try InkwellJSON.decoder.decode(PostCreateRequest.self, from: Data(#"{"title": 5, "body": ""}"#.utf8)) }
        #expect(throws: DecodingError.self) { try InkwellJSON.decoder.decode(PostCreateRequest.self, from: Data(#"{"title": "t", "body": "", "tags": "x"}"#.utf8)) }
        // Unknown fields are ignored.
        let request = try InkwellJSON.decoder.decode(PostCreateRequest.self, from: Data(#"{"title": "t", "body": "b", "id": "x", "version": 9}"#.utf8))
        #expect(try request.validated().title == "t")
    }

    @Test func patchTellsAbsentFromNull() throws {
        let patch = try InkwellJSON.decoder.decode(PostPatchRequest.self, from: Data(#"{"publishAt": null, "coverImageUrl": "/media/x.png", "tags": null}"#.utf8))
        #expect(patch.publishAt == PatchValue<String>.null)
        #expect(patch.title == PatchValue<String>.absent)
        let edit = try patch.validated()
        #expect(edit.publishAt == PatchValue<Date>.null)
        #expect(edit.coverImageUrl == PatchValue<String>.value("/media/x.png"))
        #expect(edit.tags == [])
        #expect(!edit.isEmpty)
        #expect(try PostPatchRequest().validated().isEmpty)
        let nulls = try InkwellJSON.decoder.decode(PostPatchRequest.self, from: Data(#"{"title": null, "body": null, "status": null, "slug": null, "publishAt": "soon"}"#.utf8))
        #expect(fields { _ = try nulls.validated() } == ["title", "body", "status", "publishAt", "slug"])
    }
}
