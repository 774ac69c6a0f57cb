import Foundation
import InkwellCore

/// A comment as the gateway answers it (API.md "Comments"): the comments service's fields, the
/// commenter as `author` (null once the account is erased, or when the users service had no
/// answer) and the replies, composed the same way.
public struct ComposedComment: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var postId: UUID
    @Nullable public var parentId: LowercaseUUID?
    @LowercaseUUID public var authorId: UUID
    @Nullable public var author: PublicUser?
    public var body: String
    public var status: CommentStatus
    public var createdAt: Date
    @Nullable public var editedAt: Date?
    public var deleted: Bool
    public var replies: [ComposedComment]

    /// `comment` and its replies, with `author` for each looked up in `authors`.
    public init(_ comment: Comment, authors: [UUID: PublicUser]) {
        id = comment.id
        postId = comment.postId
        parentId = comment.parentId
        authorId = comment.authorId
        author = authors[comment.authorId]
        body = comment.body
        status = comment.status
        createdAt = comment.createdAt
        editedAt = comment.editedAt
        deleted = comment.deleted
        replies = comment.replies.map { ComposedComment($0, authors: authors) }
    }

    private enum CodingKeys: String, CodingKey {
        case id, postId, parentId, authorId, author, body, status, createdAt, editedAt, deleted, replies
    }

    /// Reads a composed comment, or the comments service's (no `author`; replies default to none).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        _id = try container.decode(LowercaseUUID.self, forKey: .id)
        _postId = try container.decode(LowercaseUUID.self, forKey: .postId)
        _parentId = try container.decode(Nullable<LowercaseUUID>.self, forKey: .parentId)
        _authorId = try container.decode(LowercaseUUID.self, forKey: .authorId)
        _author = try container.decode(Nullable<PublicUser>.self, forKey: .author)
        body = try container.decode(String.self, forKey: .body)
        status = try container.decode(CommentStatus.self, forKey: .status)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        _editedAt = try container.decode(Nullable<Date>.self, forKey: .editedAt)
        deleted = try container.decode(Bool.self, forKey: .deleted)
        replies = try container.decodeIfPresent([ComposedComment].self, forKey: .replies) ?? []
    }
}
