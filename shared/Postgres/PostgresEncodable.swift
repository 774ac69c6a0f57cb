/// A Swift value that can be sent as a bound parameter (text format).
///
/// Interpolating a value into a ``PostgresQuery`` binds it as `$n`; it is encoded when the
/// query runs. `Optional.none` is sent as SQL NULL with the wrapped type's OID.
public protocol PostgresEncodable: Sendable {
    /// The parameter type sent to the server; `.unspecified` lets the server infer it from context.
    static var postgresDataType: PostgresDataType { get }
    /// The text representation, or `nil` for SQL NULL.
    func postgresText() throws -> String?
}
