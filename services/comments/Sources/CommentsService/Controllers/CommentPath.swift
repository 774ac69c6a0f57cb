import Foundation
import Hummingbird
import InkwellServiceKit

/// Reading the ids in comments paths.
enum CommentPath {
    /// The UUID in path parameter `name`; 404 for anything else (no such comment or post).
    static func id(_ name: String, in context: InkwellRequestContext, what: String) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require(name)) else { throw HTTPProblem.notFound("No such \(what).") }
        return id
    }
}
