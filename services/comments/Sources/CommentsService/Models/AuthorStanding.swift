/// What the moderation policy knows about a comment's author at the time of the write.
public struct AuthorStanding: Sendable, Equatable {
    /// Holds the `moderator` or `admin` role.
    public var isModerator: Bool
    /// Wrote the post the comment is on.
    public var isPostAuthor: Bool
    /// Already has an approved (not deleted) comment anywhere.
    public var hasApprovedComment: Bool

    public init(isModerator: Bool, isPostAuthor: Bool, hasApprovedComment: Bool) {
        self.isModerator = isModerator
        self.isPostAuthor = isPostAuthor
        self.hasApprovedComment = hasApprovedComment
    }

    /// Any one of the three earns approval at once (links permitting).
    public var isTrusted: Bool { isModerator || isPostAuthor || hasApprovedComment }
}
