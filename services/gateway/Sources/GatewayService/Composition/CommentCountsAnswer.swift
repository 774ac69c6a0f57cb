import InkwellCore

/// `{"counts": {"<post id>": n}}`, the comments service's answer to `/internal/v1/comment-counts`.
struct CommentCountsAnswer: Decodable, Equatable, JSONStreamDecodable {
    var counts: [String: Int]

    /// By hand (see ``JSONStreamDecodable`` for why); the value the synthesized `Decodable` gives.
    static func decodeJSON(from reader: inout JSONReader) throws(JSONDeclined) -> CommentCountsAnswer {
        var counts: [String: Int]?
        var object = try reader.beginObject()
        while let key = try reader.nextKey(&object) {
            guard key == "counts" else {
                try reader.skipValue()
                continue
            }
            guard counts == nil else { throw reader.declined("a duplicate member") }
            var found: [String: Int] = [:]
            var inner = try reader.beginObject()
            while let id = try reader.nextKey(&inner) {
                guard found.updateValue(try reader.int(), forKey: id.string) == nil else { throw reader.declined("a duplicate post id") }
            }
            counts = found
        }
        guard let counts else { throw reader.declined("no counts") }
        return CommentCountsAnswer(counts: counts)
    }
}
