import Foundation
import InkwellCore

/// The summary read by hand (see ``JSONStreamDecodable`` for why); the value its `Decodable` gives.
/// `Date??` and `String??`: nil = not seen yet, `.some(nil)` = seen as `null`.
extension PostSummary: JSONStreamDecodable {
    public static func decodeJSON(from reader: inout JSONReader) throws(JSONDeclined) -> PostSummary {
        var id: UUID?, slug: String?, title: String?, excerpt: String?, publishedAt: Date??, authorId: UUID?, tags: [TagRef]?
        var coverImageUrl: String??
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
            } else if key == "publishedAt" {
                try JSONReader.once(&publishedAt, reader.nullableDate())
            } else if key == "authorId" {
                try JSONReader.once(&authorId, reader.uuid())
            } else if key == "tags" {
                try JSONReader.once(&tags, reader.array(of: TagRef.self))
            } else if key == "coverImageUrl" {
                try JSONReader.once(&coverImageUrl, reader.nullableString())
            } else {
                try reader.skipValue()
            }
        }
        guard let id, let slug, let title, let excerpt, let authorId, let tags else { throw reader.declined("a summary member is missing") }
        return PostSummary(
            id: id, slug: slug, title: title, excerpt: excerpt, publishedAt: publishedAt ?? nil, authorId: authorId, tags: tags,
            coverImageUrl: coverImageUrl ?? nil)
    }
}
