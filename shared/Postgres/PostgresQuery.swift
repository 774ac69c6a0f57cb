import Foundation

/// SQL text with bound parameters, built by string interpolation.
///
/// ```swift
/// let q: PostgresQuery = "SELECT id FROM users WHERE username = \(name) AND created_at > \(date)"
/// // q.sql == "SELECT id FROM users WHERE username = $1 AND created_at > $2", q.binds.count == 2
/// ```
///
/// Every interpolated ``PostgresEncodable`` (including `Optional.none`, sent as NULL) becomes a
/// placeholder `$n`: values never become SQL text. The only other interpolation,
/// `\(identifier: name)`, quotes an identifier (schema, table) the way `PQescapeIdentifier` does.
/// Queries concatenate with `+` / ``append(_:)``, renumbering the right-hand placeholders.
public struct PostgresQuery: ExpressibleByStringInterpolation, Sendable, CustomStringConvertible {
    /// The SQL with `$1`, `$2`, ... placeholders.
    public private(set) var sql: String
    /// The values for the placeholders, in order (encoded when the query runs).
    public private(set) var binds: [any PostgresEncodable]

    public init(unsafeSQL sql: String, binds: [any PostgresEncodable] = []) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, binds: stringInterpolation.binds)
    }

    /// Appends `other`, shifting its placeholders past this query's binds.
    public mutating func append(_ other: PostgresQuery) {
        sql += Self.renumbered(other.sql, offset: binds.count)
        binds += other.binds
    }

    public static func + (lhs: PostgresQuery, rhs: PostgresQuery) -> PostgresQuery {
        var result = lhs
        result.append(rhs)
        return result
    }

    public static func += (lhs: inout PostgresQuery, rhs: PostgresQuery) {
        lhs.append(rhs)
    }

    /// The SQL and the number of binds, never their values (safe to log).
    public var description: String { "\(sql) [\(binds.count) bind(s)]" }

    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var sql: String
        var binds: [any PostgresEncodable]

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds = []
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds `value` as the next `$n`.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(value)
            sql += "$\(binds.count)"
        }

        /// Binds `value` as the next `$n`, NULL when `nil`. (A separate overload so that the compiler
        /// knows an optional is meant here and does not warn about debug descriptions.)
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            binds.append(value)
            sql += "$\(binds.count)"
        }

        /// Writes `name` as a quoted identifier: `"my ""odd"" schema"`.
        public mutating func appendInterpolation(identifier name: String) {
            sql += PostgresQuery.quoteIdentifier(name)
        }

        /// Appends a whole query, renumbering its placeholders.
        public mutating func appendInterpolation(_ query: PostgresQuery) {
            sql += PostgresQuery.renumbered(query.sql, offset: binds.count)
            binds += query.binds
        }
    }

    /// Double-quote quoting, as `PQescapeIdentifier` does (without needing a connection).
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Shifts `$n` placeholders by `offset`, leaving string literals, quoted identifiers,
    /// dollar-quoted strings and comments alone.
    static func renumbered(_ sql: String, offset: Int) -> String {
        guard offset > 0, sql.contains("$") else { return sql }
        let bytes = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func isIdentChar(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= 97 && b | 0x20 <= 122) || b == 95 || b >= 128 }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // Copy a quoted literal/identifier; a doubled quote stays inside.
                out.append(b); i += 1
                while i < bytes.count {
                    out.append(bytes[i])
                    if bytes[i] == b {
                        if i + 1 < bytes.count, bytes[i + 1] == b { out.append(b); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
            case UInt8(ascii: "-") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "-"):
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { out.append(bytes[i]); i += 1 }
            case UInt8(ascii: "/") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "*"):
                out.append(contentsOf: [bytes[i], bytes[i + 1]]); i += 2
                while i < bytes.count {
                    if bytes[i] == UInt8(ascii: "*"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "/") {
                        out.append(contentsOf: [bytes[i], bytes[i + 1]]); i += 2
                        break
                    }
                    out.append(bytes[i]); i += 1
                }
            case UInt8(ascii: "$") where i + 1 < bytes.count && isDigit(bytes[i + 1]) && (i == 0 || !isIdentChar(bytes[i - 1])):
                var j = i + 1
                var number = 0
                while j < bytes.count, isDigit(bytes[j]) { number = number * 10 + Int(bytes[j] - 48); j += 1 }
                out.append(contentsOf: Array("$\(number + offset)".utf8))
                i = j
            case UInt8(ascii: "$") where i == 0 || !isIdentChar(bytes[i - 1]):
                // Possibly a dollar-quote tag: $$ or $tag$ ... $tag$
                var j = i + 1
                while j < bytes.count, isIdentChar(bytes[j]), !isDigit(bytes[j]) || j > i + 1 { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: "$") {
                    let tag = Array(bytes[i...j])
                    out.append(contentsOf: tag)
                    i = j + 1
                    while i < bytes.count {
                        if bytes[i] == UInt8(ascii: "$"), i + tag.count <= bytes.count, Array(bytes[i..<(i + tag.count)]) == tag {
                            out.append(contentsOf: tag)
                            i += tag.count
                            break
                        }
                        out.append(bytes[i]); i += 1
                    }
                } else {
                    out.append(b); i += 1
                }
            default:
                out.append(b); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
