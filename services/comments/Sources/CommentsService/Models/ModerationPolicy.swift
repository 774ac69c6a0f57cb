import InkwellContracts

/// API.md's policy: a comment is approved at once when its author is a moderator or admin, the
/// post's author, or already has an approved comment, **and** it holds at most ``maxLinks``
/// links (``LinkCounter``); otherwise it is `pending`.
public struct ModerationPolicy: Sendable, Equatable {
    public var maxLinks: Int

    public init(maxLinks: Int = 2) {
        self.maxLinks = maxLinks
    }

    /// The status of a new comment.
    public func status(links: Int, author: AuthorStanding) -> CommentStatus {
        author.isTrusted && links <= maxLinks ? .approved : .pending
    }

    /// ``status(links:author:)`` of `body`.
    public func status(body: String, author: AuthorStanding) -> CommentStatus {
        status(links: LinkCounter.count(body), author: author)
    }

    /// The status after its author edits a comment now `current`: the rule is applied again
    /// (an approved comment edited to 3 links goes back to `pending`, a trusted author's pending
    /// one edited down to 2 is approved), but an edit never lifts a moderator's `rejected` or
    /// `spam`.
    public func statusAfterEdit(current: CommentStatus, body: String, author: AuthorStanding) -> CommentStatus {
        switch current {
        case .rejected, .spam: current
        case .approved, .pending: status(body: body, author: author)
        }
    }
}
