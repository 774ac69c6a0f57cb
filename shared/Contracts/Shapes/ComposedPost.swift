import Foundation
import InkwellCore

/// `GET /api/v1/posts/{slug}` as the gateway answers it: the blog's post plus `author` (null when
/// erased or the users service had no answer), `commentCount` (null when the comments service
/// had no answer) and `comments`, the first page of the comment tree exactly as
/// `GET /api/v1/posts/{slug}/comments` answers it (empty when there is none to be had).
public struct ComposedPost: Codable, Sendable, Equatable {
    public var post: Post
    public var author: PublicUser?
    public var commentCount: Int?
    public var comments: Page<ComposedComment>

    public init(post: Post, author: PublicUser? = nil, commentCount: Int? = nil, comments: Page<ComposedComment> = Page(items: [])) {
        self.post = post
        self.author = author
        self.commentCount = commentCount
        self.comments = comments
    }

    private enum CodingKeys: String, CodingKey { case author, commentCount, comments }

    /// Reads a composed post, or the blog's plain one (no additions, no comments).
    public init(from decoder: any Decoder) throws {
        post = try Post(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        author = try container.decodeIfPresent(PublicUser.self, forKey: .author)
        commentCount = try container.decodeIfPresent(Int.self, forKey: .commentCount)
        comments = try container.decodeIfPresent(Page<ComposedComment>.self, forKey: .comments) ?? Page(items: [])
    }

    public func encode(to encoder: any Encoder) throws {
        try post.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Nullable(wrappedValue: author), forKey: .author)
        try container.encode(Nullable(wrappedValue: commentCount), forKey: .commentCount)
        try container.encode(comments, forKey: .comments)
    }
}
