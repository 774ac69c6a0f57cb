import Foundation
import InkwellCore

/// A post summary as the gateway answers it (API.md "Posts and tags"): the blog's summary plus
/// `author` (the public user, null when erased or when the users service had no answer) and
/// `commentCount` (null when the comments service had no answer), side by side in one object.
public struct ComposedPostSummary: Codable, Sendable, Equatable {
    public var summary: PostSummary
    public var author: PublicUser?
    public var commentCount: Int?

    public init(summary: PostSummary, author: PublicUser? = nil, commentCount: Int? = nil) {
        self.summary = summary
        self.author = author
        self.commentCount = commentCount
    }

    private enum CodingKeys: String, CodingKey { case author, commentCount }

    /// Reads a composed summary, or a plain one (the blog's) with neither addition.
    public init(from decoder: any Decoder) throws {
        summary = try PostSummary(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        author = try container.decodeIfPresent(PublicUser.self, forKey: .author)
        commentCount = try container.decodeIfPresent(Int.self, forKey: .commentCount)
    }

    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Nullable(wrappedValue: author), forKey: .author)
        try container.encode(Nullable(wrappedValue: commentCount), forKey: .commentCount)
    }
}
