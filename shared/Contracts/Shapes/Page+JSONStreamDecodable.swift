import InkwellCore

/// A page of hand-read items read by hand too (see ``JSONStreamDecodable`` for why); the value
/// its `Decodable` gives.
extension Page: JSONStreamDecodable where Item: JSONStreamDecodable {
    public static func decodeJSON(from reader: inout JSONReader) throws(JSONDeclined) -> Page {
        var items: [Item]?, nextCursor: String??
        var object = try reader.beginObject()
        while let key = try reader.nextKey(&object) {
            if key == "items" {
                try JSONReader.once(&items, reader.array(of: Item.self))
            } else if key == "nextCursor" {
                try JSONReader.once(&nextCursor, reader.nullableString())
            } else {
                try reader.skipValue()
            }
        }
        guard let items else { throw reader.declined("a page has no items") }
        return Page(items: items, nextCursor: nextCursor ?? nil)
    }
}
