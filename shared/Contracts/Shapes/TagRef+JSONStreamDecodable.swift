import InkwellCore

/// The tag read by hand (see ``JSONStreamDecodable`` for why); the value its `Decodable` gives.
extension TagRef: JSONStreamDecodable {
    public static func decodeJSON(from reader: inout JSONReader) throws(JSONDeclined) -> TagRef {
        var name: String?, slug: String?
        var object = try reader.beginObject()
        while let key = try reader.nextKey(&object) {
            if key == "name" {
                try JSONReader.once(&name, reader.string())
            } else if key == "slug" {
                try JSONReader.once(&slug, reader.string())
            } else {
                try reader.skipValue()
            }
        }
        guard let name, let slug else { throw reader.declined("a tag member is missing") }
        return TagRef(name: name, slug: slug)
    }
}
