/// One value as the server sent it (text format) with its type, handed to ``PostgresDecodable``.
public struct PostgresValue: Sendable {
    /// The text representation, `nil` for SQL NULL.
    public let text: String?
    /// The column type (for array elements: the element type, or `.unspecified` when unknown).
    public let type: PostgresDataType

    public init(text: String?, type: PostgresDataType) {
        self.text = text
        self.type = type
    }

    /// The text, or a ``PostgresDecodingFailure`` saying that `T` cannot hold NULL.
    public func requireText<T>(for _: T.Type) throws -> String {
        guard let text else { throw PostgresDecodingFailure("unexpected NULL (decode as Optional to accept NULL)") }
        return text
    }

    /// Checks that the column type is one `T` can be decoded from. An unspecified/unknown type
    /// (array elements of an unknown array type) is accepted and left to the parser.
    public func requireType<T>(_ accepted: Set<PostgresDataType>, for _: T.Type) throws {
        guard type == .unspecified || type == .unknown || accepted.contains(type) else {
            throw PostgresDecodingFailure("type \(type) cannot be decoded as \(T.self)")
        }
    }

    /// The same check over a short list: what the scalar decoders pass, since a `Set` literal
    /// is built (allocated and hashed) on every call, i.e. for every value of every row.
    public func requireType<T>(_ accepted: [PostgresDataType], for _: T.Type) throws {
        guard type == .unspecified || type == .unknown || accepted.contains(type) else {
            throw PostgresDecodingFailure("type \(type) cannot be decoded as \(T.self)")
        }
    }
}
