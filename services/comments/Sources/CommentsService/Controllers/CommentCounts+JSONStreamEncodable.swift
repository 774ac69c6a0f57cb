import Foundation
import InkwellCore

/// The counts answer by hand (see ``JSONStreamEncodable`` for why): no string per id, no
/// dictionary, no keyed container; the same bytes as its `Encodable` conformance.
extension CommentCounts: JSONStreamEncodable {
    public func encodeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        output.key("counts")
        output.beginObject()
        for id in postIds {
            output.key(id)
            output.integer(Int64(count(of: id)))
        }
        output.endObject()
        output.endObject()
    }
}
