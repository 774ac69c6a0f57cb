import Foundation

/// An error from the PostgreSQL module: a server error (with its SQLSTATE and diagnostic fields),
/// a connection problem, a pool problem, a decoding problem or an invalid configuration.
///
/// `description` is safe to log: it never contains bound parameter values, and it leaves out
/// `detail` (which for constraint violations quotes the offending row, e.g. `Key (email)=(...)`)
/// and redacts the quoted input in data-exception messages (SQLSTATE class 22). The raw fields
/// stay available on the value for code that decides what to do with them.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, coarse enough to switch on.
    public enum Kind: Sendable, Hashable {
        /// A connection could not be opened (server down, wrong credentials, timeout).
        case connectionFailed
        /// An open connection died while in use; the connection has been discarded.
        case connectionLost
        /// SQLSTATE 23505; `constraint` names the unique index or constraint.
        case uniqueViolation
        /// SQLSTATE 23503.
        case foreignKeyViolation
        /// SQLSTATE 23514.
        case checkViolation
        /// SQLSTATE 23502; `column` names the column.
        case notNullViolation
        /// SQLSTATE 40001 (retried by `withTransaction`).
        case serializationFailure
        /// SQLSTATE 40P01 (retried by `withTransaction`).
        case deadlock
        /// SQLSTATE 42501 ("permission denied ...").
        case insufficientPrivilege
        /// SQLSTATE 42P01.
        case undefinedTable
        /// Any other server error; see `sqlState`.
        case queryFailed
        /// A value could not be encoded or decoded; `column` names the column.
        case decoding
        /// No connection became free within the checkout timeout.
        case poolTimeout
        /// The client has been shut down.
        case poolClosed
        /// The configuration (usually the URL) is invalid.
        case invalidConfiguration
        /// A bound parameter cannot be sent as it is (e.g. text containing a NUL character, which
        /// PostgreSQL text cannot hold); the message names the parameter (`$n`), never its value.
        case invalidParameter
    }

    public let kind: Kind
    /// The five-character SQLSTATE for server errors, `nil` otherwise.
    public let sqlState: String?
    /// The primary message (from the server, libpq or this module). May quote input for class-22 errors.
    public let message: String
    public let constraint: String?
    public let table: String?
    public let column: String?
    /// The server's DETAIL line; may contain row values, therefore not part of `description`.
    public let detail: String?

    public init(
        kind: Kind,
        sqlState: String? = nil,
        message: String,
        constraint: String? = nil,
        table: String? = nil,
        column: String? = nil,
        detail: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.constraint = constraint
        self.table = table
        self.column = column
        self.detail = detail
    }

    public var description: String {
        var text = "PostgresError.\(kind)"
        if let sqlState { text += " [\(sqlState)]" }
        text += ": \(Self.redacted(message, sqlState: sqlState))"
        if let table { text += " (table: \(table))" }
        if let column { text += " (column: \(column))" }
        if let constraint { text += " (constraint: \(constraint))" }
        return text
    }

    /// Maps a SQLSTATE to a kind. Class 08 (connection exception) and the shutdown codes 57P01..57P03
    /// only count as `.connectionLost` when libpq also reports the connection as bad; the caller decides that.
    static func kind(forSQLState state: String?) -> Kind {
        switch state {
        case "23505": .uniqueViolation
        case "23503": .foreignKeyViolation
        case "23514": .checkViolation
        case "23502": .notNullViolation
        case "40001": .serializationFailure
        case "40P01": .deadlock
        case "42501": .insufficientPrivilege
        case "42P01": .undefinedTable
        default: .queryFailed
        }
    }

    /// Data exceptions (class 22) quote the rejected input, e.g. `invalid input syntax for type uuid: "..."`,
    /// and that input is usually a bound parameter: cut the quoted tail.
    private static func redacted(_ message: String, sqlState: String?) -> String {
        guard let sqlState, sqlState.hasPrefix("22") else { return message }
        guard let range = message.range(of: ": \"", options: .backwards) else { return message }
        return String(message[..<range.lowerBound]) + ": <redacted>"
    }

    static func poolClosed() -> PostgresError {
        PostgresError(kind: .poolClosed, message: "the PostgreSQL client has been shut down")
    }
}
