import Foundation
import InkwellCore
import InkwellServiceKit

/// `POST /api/v1/posts/{slug}/comments`: `{body, parentId?}`.
public struct CommentDraft: Codable, Sendable, Equatable {
    public var body: String
    public var parentId: UUID?

    public init(body: String, parentId: UUID? = nil) {
        self.body = body
        self.parentId = parentId
    }

    /// Checked against API.md's rules; 422 naming `body`.
    public func validated() throws(HTTPProblem) -> CommentDraft {
        if let message = CommentRules.bodyProblem(body) { throw .validation([FieldError(field: "body", message: message)]) }
        return self
    }
}
