/// A Swift type that can be read from a result column (text format).
///
/// Implementations throw ``PostgresDecodingFailure`` with a short reason; the row adds the column
/// name and types. Non-optional types reject NULL; `Optional` maps NULL to `nil`.
public protocol PostgresDecodable: Sendable {
    static func decode(from value: PostgresValue) throws -> Self
}
