import Foundation
import InkwellCore

/// The comment and its replies read by hand (see ``JSONStreamDecodable`` for why); the value its
/// `Decodable` gives. The replies' nesting is bounded by ``JSONReader/maxDepth``.
/// `T??`: nil = not seen yet, `.some(nil)` = seen as `null`.
extension Comment: JSONStreamDecodable {
    public static func decodeJSON(from reader: inout JSONReader) throws(JSONDeclined) -> Comment {
        var id: UUID?, postId: UUID?, parentId: UUID??, authorId: UUID?, body: String?, status: CommentStatus?, createdAt: Date?
        var editedAt: Date??, deleted: Bool?, replies: [Comment]?
        var object = try reader.beginObject()
        while let key = try reader.nextKey(&object) {
            if key == "id" {
                try JSONReader.once(&id, reader.uuid())
            } else if key == "postId" {
                try JSONReader.once(&postId, reader.uuid())
            } else if key == "parentId" {
                try JSONReader.once(&parentId, reader.nullableUUID())
            } else if key == "authorId" {
                try JSONReader.once(&authorId, reader.uuid())
            } else if key == "body" {
                try JSONReader.once(&body, reader.string())
            } else if key == "status" {
                guard let value = CommentStatus(rawValue: try reader.string()) else { throw reader.declined("an unknown comment status") }
                try JSONReader.once(&status, value)
            } else if key == "createdAt" {
                try JSONReader.once(&createdAt, reader.date())
            } else if key == "editedAt" {
                try JSONReader.once(&editedAt, reader.nullableDate())
            } else if key == "deleted" {
                try JSONReader.once(&deleted, reader.bool())
            } else if key == "replies" {
                try JSONReader.once(&replies, reader.array(of: Comment.self))
            } else {
                try reader.skipValue()
            }
        }
        guard let id, let postId, let authorId, let body, let status, let createdAt, let deleted, let replies else {
            throw reader.declined("a comment member is missing")
        }
        return Comment(
            id: id, postId: postId, parentId: parentId ?? nil, authorId: authorId, body: body, status: status, createdAt: createdAt,
            editedAt: editedAt ?? nil, deleted: deleted, replies: replies)
    }
}
