import Foundation

// Conformances of the standard types. Everything travels in PostgreSQL's text format; the
// connection options (DateStyle=ISO, TimeZone=UTC, bytea_output=hex, extra_float_digits=3)
// pin down the shapes parsed here.

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { Wrapped.postgresDataType }
    public func postgresText() throws -> String? {
        switch self {
        case .none: nil
        case .some(let wrapped): try wrapped.postgresText()
        }
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(from value: PostgresValue) throws -> Wrapped? {
        guard value.text != nil else { return nil }
        return try Wrapped.decode(from: value)
    }
}

extension String: PostgresEncodable, PostgresDecodable {
    /// Unspecified, so that one `String` fills text, varchar, uuid, jsonb, enum or citext columns.
    /// Where the server cannot infer a type (`$1 IS NULL`), cast in SQL: `\(value)::text`.
    public static var postgresDataType: PostgresDataType { .unspecified }
    public func postgresText() throws -> String? { self }
    /// Accepts any column type: the text representation is returned as is.
    public static func decode(from value: PostgresValue) throws -> String {
        try value.requireText(for: String.self)
    }
}

/// Shared parsing for the integer types: accepts int2/int4/int8/oid columns and checks the range.
private func decodeInteger<T: FixedWidthInteger>(_ value: PostgresValue, as _: T.Type) throws -> T {
    try value.requireType([.int2, .int4, .int8, .oid], for: T.self)
    let text = try value.requireText(for: T.self)
    guard let result = T(text) else {
        throw PostgresDecodingFailure("'\(text.prefix(40))' is not a \(T.self) (out of range or not an integer)")
    }
    return result
}

extension Int: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .int8 }
    public func postgresText() throws -> String? { String(self) }
    public static func decode(from value: PostgresValue) throws -> Int { try decodeInteger(value, as: Int.self) }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .int8 }
    public func postgresText() throws -> String? { String(self) }
    public static func decode(from value: PostgresValue) throws -> Int64 { try decodeInteger(value, as: Int64.self) }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .int4 }
    public func postgresText() throws -> String? { String(self) }
    public static func decode(from value: PostgresValue) throws -> Int32 { try decodeInteger(value, as: Int32.self) }
}

extension Int16: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .int2 }
    public func postgresText() throws -> String? { String(self) }
    public static func decode(from value: PostgresValue) throws -> Int16 { try decodeInteger(value, as: Int16.self) }
}

/// `UInt8` is here so that `[UInt8]` can be `bytea` (see ``PostgresArrayElement``); alone it is an int2.
extension UInt8: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .int2 }
    public func postgresText() throws -> String? { String(self) }
    public static func decode(from value: PostgresValue) throws -> UInt8 { try decodeInteger(value, as: UInt8.self) }
}

extension Double: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .float8 }
    public func postgresText() throws -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        // Swift prints the shortest text that round-trips, which float8in parses exactly.
        return description
    }
    public static func decode(from value: PostgresValue) throws -> Double {
        try value.requireType([.float4, .float8, .numeric, .int2, .int4, .int8], for: Double.self)
        let text = try value.requireText(for: Double.self)
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let result = Double(text) else { throw PostgresDecodingFailure("'\(text.prefix(40))' is not a number") }
            return result
        }
    }
}

extension Bool: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .bool }
    public func postgresText() throws -> String? { self ? "true" : "false" }
    public static func decode(from value: PostgresValue) throws -> Bool {
        try value.requireType([.bool], for: Bool.self)
        switch try value.requireText(for: Bool.self) {
        case "t", "true": return true
        case "f", "false": return false
        case let other: throw PostgresDecodingFailure("'\(other.prefix(10))' is not a bool")
        }
    }
}

extension UUID: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .uuid }
    /// Lower case, as PostgreSQL writes a uuid itself (the parameter is typed uuid either way).
    public func postgresText() throws -> String? { lowercased }
    public static func decode(from value: PostgresValue) throws -> UUID {
        try value.requireType([.uuid, .text, .varchar, .bpchar, .name], for: UUID.self)
        let text = try value.requireText(for: UUID.self)
        // Hand-parsed: Foundation's UUID(uuidString:) goes through sscanf, visible in read profiles.
        guard let uuid = UUID(canonical: text) ?? UUID(uuidString: text) else { throw PostgresDecodingFailure("'\(text.prefix(40))' is not a UUID") }
        return uuid
    }
}

extension Date: PostgresEncodable, PostgresDecodable {
    /// `timestamptz`, microsecond precision (rounded to the nearest microsecond), written in UTC.
    public static var postgresDataType: PostgresDataType { .timestamptz }
    public func postgresText() throws -> String? { try PostgresTimestamp.format(self) }
    /// From `timestamptz`, `timestamp` (taken as UTC) or `date` (midnight UTC).
    public static func decode(from value: PostgresValue) throws -> Date {
        try value.requireType([.timestamptz, .timestamp, .date], for: Date.self)
        return try PostgresTimestamp.parse(value.requireText(for: Date.self))
    }
}
