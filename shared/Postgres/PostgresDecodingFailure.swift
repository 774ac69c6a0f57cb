/// Thrown by ``PostgresDecodable`` implementations; ``PostgresRow`` turns it into a
/// ``PostgresError`` of kind `.decoding` that names the column, its type and the Swift type.
public struct PostgresDecodingFailure: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
