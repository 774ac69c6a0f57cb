import InkwellCore

/// The search hit read by hand (see ``JSONStreamDecodable`` for why); the value its `Decodable` gives.
extension SearchHit: JSONStreamDecodable {
    public static func decodeJSON(from reader: inout JSONReader) throws(JSONDeclined) -> SearchHit {
        var post: PostSummary?, highlight: String?
        var object = try reader.beginObject()
        while let key = try reader.nextKey(&object) {
            if key == "post" {
                try JSONReader.once(&post, PostSummary.decodeJSON(from: &reader))
            } else if key == "highlight" {
                try JSONReader.once(&highlight, reader.string())
            } else {
                try reader.skipValue()
            }
        }
        guard let post, let highlight else { throw reader.declined("a search hit member is missing") }
        return SearchHit(post: post, highlight: highlight)
    }
}
