import Foundation

/// A `Codable` value stored as `jsonb`: `"INSERT ... VALUES (\(PostgresJSON(payload)))"` and
/// `row.decode(column: "payload", as: PostgresJSON<Payload>.self).value`.
///
/// Uses a default `JSONEncoder`/`JSONDecoder` (dates as seconds since 2001, i.e.
/// `.deferredToDate`); give the payload ISO-8601 strings yourself if other readers need them.
/// For raw JSON, bind a `String` (the server infers `jsonb` from the column) and read the column
/// as `String` or `[UInt8]`.
public struct PostgresJSON<Value: Codable & Sendable>: PostgresEncodable, PostgresDecodable, Sendable {
    public var value: Value

    public init(_ value: Value) { self.value = value }

    public static var postgresDataType: PostgresDataType { .jsonb }

    public func postgresText() throws -> String? {
        let data: Data
        do {
            data = try JSONEncoder().encode(value)
        } catch {
            throw PostgresDecodingFailure("cannot encode \(Value.self) as JSON: \(error)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    public static func decode(from value: PostgresValue) throws -> PostgresJSON<Value> {
        try value.requireType([.jsonb, .json, .text, .varchar], for: Self.self)
        let text = try value.requireText(for: Self.self)
        do {
            return PostgresJSON(try JSONDecoder().decode(Value.self, from: Data(text.utf8)))
        } catch {
            throw PostgresDecodingFailure("invalid JSON for \(Value.self): \(error)")
        }
    }
}

extension PostgresJSON: Equatable where Value: Equatable {}
extension PostgresJSON: Hashable where Value: Hashable {}
