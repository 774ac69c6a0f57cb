import InkwellCore

/// A list of hand-read items read by hand too (see ``JSONStreamDecodable`` for why); the value
/// its `Decodable` gives.
extension ItemList: JSONStreamDecodable where Item: JSONStreamDecodable {
    public static func decodeJSON(from reader: inout JSONReader) throws(JSONDeclined) -> ItemList {
        var items: [Item]?
        var object = try reader.beginObject()
        while let key = try reader.nextKey(&object) {
            if key == "items" {
                try JSONReader.once(&items, reader.array(of: Item.self))
            } else {
                try reader.skipValue()
            }
        }
        guard let items else { throw reader.declined("a list has no items") }
        return ItemList(items: items)
    }
}
