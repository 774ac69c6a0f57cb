import Foundation
import Hummingbird
import InkwellServiceKit

/// `?ids=a,b,c` of the internal batch read: up to 100 post ids, in the order given, repeats
/// dropped. A missing list, a repeated parameter, a malformed id or more than 100 ids is 400.
enum PostIdList {
    static let maxIds = 100

    static func parse(_ request: Request) throws(HTTPProblem) -> [UUID] {
        let values = request.uri.queryParameters.getAll("ids")
        guard values.count <= 1 else { throw .badRequest("ids may be given once.") }
        return try parse(values.first.map { String($0) })
    }

    static func parse(_ raw: String?) throws(HTTPProblem) -> [UUID] {
        try UUIDListParameter(name: "ids", limit: maxIds).parse(raw)
    }
}
