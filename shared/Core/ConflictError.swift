/// A write that collides with existing data (a taken username, email or slug): a domain error
/// that repositories throw in place of the database's constraint violation, so the HTTP edge
/// answers 409 naming the field without knowing any constraint.
public struct ConflictError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request field whose value is taken (`username`, `email`, `slug`).
    public var field: String
    public var message: String

    public init(field: String, message: String? = nil) {
        self.field = field
        self.message = message ?? "\(field) is already taken"
    }

    public var description: String { "conflict on \(field): \(message)" }
}
