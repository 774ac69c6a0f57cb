import Foundation
import InkwellCore

/// The post read by hand (see ``JSONStreamDecodable`` for why); the value its `Decodable` gives.
/// `T??`: nil = not seen yet, `.some(nil)` = seen as `null`.
extension Post: JSONStreamDecodable {
    public static func decodeJSON(from reader: inout JSONReader) throws(JSONDeclined) -> Post {
        var id: UUID?, slug: String?, title: String?, excerpt: String?, bodyMarkdown: String?, bodyHtml: String?, status: PostStatus?
        var publishedAt: Date??, publishAt: Date??, createdAt: Date?, updatedAt: Date?, authorId: UUID?, tags: [TagRef]?
        var coverImageUrl: String??, version: Int64?
        var object = try reader.beginObject()
        while let key = try reader.nextKey(&object) {
            if key == "id" {
                try JSONReader.once(&id, reader.uuid())
            } else if key == "slug" {
                try JSONReader.once(&slug, reader.string())
            } else if key == "title" {
                try JSONReader.once(&title, reader.string())
            } else if key == "excerpt" {
                try JSONReader.once(&excerpt, reader.string())
            } else if key == "bodyMarkdown" {
                try JSONReader.once(&bodyMarkdown, reader.string())
            } else if key == "bodyHtml" {
                try JSONReader.once(&bodyHtml, reader.string())
            } else if key == "status" {
                guard let value = PostStatus(rawValue: try reader.string()) else { throw reader.declined("an unknown post status") }
                try JSONReader.once(&status, value)
            } else if key == "publishedAt" {
                try JSONReader.once(&publishedAt, reader.nullableDate())
            } else if key == "publishAt" {
                try JSONReader.once(&publishAt, reader.nullableDate())
            } else if key == "createdAt" {
                try JSONReader.once(&createdAt, reader.date())
            } else if key == "updatedAt" {
                try JSONReader.once(&updatedAt, reader.date())
            } else if key == "authorId" {
                try JSONReader.once(&authorId, reader.uuid())
            } else if key == "tags" {
                try JSONReader.once(&tags, reader.array(of: TagRef.self))
            } else if key == "coverImageUrl" {
                try JSONReader.once(&coverImageUrl, reader.nullableString())
            } else if key == "version" {
                try JSONReader.once(&version, reader.int64())
            } else {
                try reader.skipValue()
            }
        }
        guard let id, let slug, let title, let excerpt, let bodyMarkdown, let bodyHtml, let status, let createdAt, let updatedAt,
              let authorId, let tags, let version
        else { throw reader.declined("a post member is missing") }
        return Post(
            id: id, slug: slug, title: title, excerpt: excerpt, bodyMarkdown: bodyMarkdown, bodyHtml: bodyHtml, status: status,
            publishedAt: publishedAt ?? nil, publishAt: publishAt ?? nil, createdAt: createdAt, updatedAt: updatedAt, authorId: authorId,
            tags: tags, coverImageUrl: coverImageUrl ?? nil, version: version)
    }
}
