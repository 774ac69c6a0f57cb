import Foundation
import InkwellCore

/// The user read by hand (see ``JSONStreamDecodable`` for why); the value its `Decodable` gives.
extension PublicUser: JSONStreamDecodable {
    public static func decodeJSON(from reader: inout JSONReader) throws(JSONDeclined) -> PublicUser {
        var id: UUID?, username: String?, displayName: String?, bio: String?, createdAt: Date?
        var object = try reader.beginObject()
        while let key = try reader.nextKey(&object) {
            if key == "id" {
                try JSONReader.once(&id, reader.uuid())
            } else if key == "username" {
                try JSONReader.once(&username, reader.string())
            } else if key == "displayName" {
                try JSONReader.once(&displayName, reader.string())
            } else if key == "bio" {
                try JSONReader.once(&bio, reader.string())
            } else if key == "createdAt" {
                try JSONReader.once(&createdAt, reader.date())
            } else {
                try reader.skipValue()
            }
        }
        guard let id, let username, let displayName, let bio, let createdAt else { throw reader.declined("a user member is missing") }
        return PublicUser(id: id, username: username, displayName: displayName, bio: bio, createdAt: createdAt)
    }
}
