import Testing
@testable import CommentsService

/// Body rules of API.md: 1 to 5,000 scalars, plain text, line breaks kept.
@Suite struct CommentRulesTests {
    @Test func acceptsPlainTextWithLineBreaksAndTabs() {
        #expect(CommentRules.bodyProblem("Nice post!") == nil)
        #expect(CommentRules.bodyProblem("line one\nline two\r\n\tindented") == nil)
        #expect(CommentRules.bodyProblem("x") == nil)
        #expect(CommentRules.bodyProblem("ünïcödé 🙂 日本語") == nil)
    }

    @Test func lengthIsCountedInScalars() {
        #expect(CommentRules.bodyProblem(String(repeating: "a", count: 5_000)) == nil)
        #expect(CommentRules.bodyProblem(String(repeating: "a", count: 5_001)) == CommentRules.lengthMessage)
        // One character, 5,001 scalars.
        #expect(CommentRules.bodyProblem("e" + String(repeating: "\u{301}", count: 5_000)) == CommentRules.lengthMessage)
        #expect(CommentRules.bodyProblem(String(repeating: "🙂", count: 5_000)) == nil)
    }

    @Test func refusesEmptyBlankAndControlCharacters() {
        #expect(CommentRules.bodyProblem("") == CommentRules.lengthMessage)
        #expect(CommentRules.bodyProblem("  \n\t ") == CommentRules.blankMessage)
        for control in ["\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}"] {
            #expect(CommentRules.bodyProblem("a\(control)b") == CommentRules.controlMessage, "\(control.debugDescription)")
        }
    }

    @Test func draftsAndEditsName422Fields() throws {
        #expect(throws: Never.self) { try CommentDraft(body: "ok").validated() }
        do {
            _ = try CommentDraft(body: "").validated()
            Issue.record("accepted an empty body")
        } catch {
            #expect(error.status.code == 422)
            #expect(error.errors?.map(\.field) == ["body"])
        }
        do {
            _ = try CommentEdit(body: String(repeating: "a", count: 5_001)).validated()
            Issue.record("accepted a long body")
        } catch {
            #expect(error.errors?.map(\.field) == ["body"])
        }
    }
}
