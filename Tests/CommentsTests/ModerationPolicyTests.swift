import InkwellContracts
import Testing
@testable import CommentsService

/// API.md: approved at once when trusted (moderator/admin, post author, or has an approved
/// comment) AND at most 2 links; otherwise pending.
@Suite struct ModerationPolicyTests {
    let policy = ModerationPolicy()
    static let nobody = AuthorStanding(isModerator: false, isPostAuthor: false, hasApprovedComment: false)

    @Test func newcomersArePending() {
        #expect(policy.status(body: "hello", author: Self.nobody) == .pending)
    }

    @Test(arguments: [
        AuthorStanding(isModerator: true, isPostAuthor: false, hasApprovedComment: false),
        AuthorStanding(isModerator: false, isPostAuthor: true, hasApprovedComment: false),
        AuthorStanding(isModerator: false, isPostAuthor: false, hasApprovedComment: true),
    ])
    func trustedAuthorsAreApprovedWithAtMostTwoLinks(_ standing: AuthorStanding) {
        #expect(policy.status(body: "no links", author: standing) == .approved)
        #expect(policy.status(body: "a.com and b.com", author: standing) == .approved)
        #expect(policy.status(body: "a.com b.com c.com", author: standing) == .pending)
    }

    @Test func editsApplyTheRuleAgainButNeverLiftARejection() {
        let trusted = AuthorStanding(isModerator: false, isPostAuthor: false, hasApprovedComment: true)
        #expect(policy.statusAfterEdit(current: .approved, body: "a.com b.com c.com", author: trusted) == .pending)
        #expect(policy.statusAfterEdit(current: .pending, body: "fixed", author: trusted) == .approved)
        #expect(policy.statusAfterEdit(current: .approved, body: "fine", author: trusted) == .approved)
        #expect(policy.statusAfterEdit(current: .rejected, body: "fine", author: trusted) == .rejected)
        #expect(policy.statusAfterEdit(current: .spam, body: "fine", author: trusted) == .spam)
        #expect(policy.statusAfterEdit(current: .pending, body: "fine", author: Self.nobody) == .pending)
    }

    @Test func moderationActionsAreIdempotent() {
        #expect(ModerationAction.approve.target == .approved)
        #expect(ModerationAction.reject.target == .rejected)
        #expect(ModerationAction.spam.target == .spam)
        #expect(ModerationAction.approve.changes(.pending))
        #expect(!ModerationAction.approve.changes(.approved))
        #expect(ModerationAction.spam.changes(.rejected))
        #expect(!ModerationAction.reject.changes(.rejected))
    }

    @Test func deletionKeepsATombstoneOnlyWithReplies() {
        #expect(CommentRemoval(hasReplies: true) == .tombstone)
        #expect(CommentRemoval(hasReplies: false) == .remove)
    }
}
