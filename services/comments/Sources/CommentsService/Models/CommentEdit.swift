import InkwellServiceKit

/// `PATCH /api/v1/comments/{id}`: `{body}`.
public struct CommentEdit: Codable, Sendable, Equatable {
    public var body: String

    public init(body: String) {
        self.body = body
    }

    /// Checked against API.md's rules; 422 naming `body`.
    public func validated() throws(HTTPProblem) -> CommentEdit {
        if let message = CommentRules.bodyProblem(body) { throw .validation([FieldError(field: "body", message: message)]) }
        return self
    }
}
