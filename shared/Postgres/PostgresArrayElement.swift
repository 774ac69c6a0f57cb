import Foundation
import InkwellCore

/// A type whose Swift arrays map to a PostgreSQL array (`[String]` ↔ `text[]`, `[UUID]` ↔ `uuid[]`,
/// `[Int]` ↔ `int8[]`, and `[T?]` for arrays with NULL elements).
///
/// Swift allows only one conditional conformance of `Array` to a protocol, so `[UInt8]` goes
/// through the same door: `UInt8` overrides the two array hooks to mean `bytea` instead.
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {
    /// The array type (`text[]` for `String`).
    static var postgresArrayDataType: PostgresDataType { get }
    /// Text form of a whole array; the default writes an array literal (`{"a","b",NULL}`).
    static func postgresArrayText(_ elements: [Self]) throws -> String
    /// Parses a whole array; the default reads a one-dimensional array literal.
    static func decodePostgresArray(from value: PostgresValue) throws -> [Self]
}

extension PostgresArrayElement {
    public static func postgresArrayText(_ elements: [Self]) throws -> String {
        // Into one byte buffer: appending unicode scalars to a String one by one showed in the
        // batch reads' profiles.
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if var elementText = try element.postgresText() {
                // Always quoting is valid for every element type and avoids deciding when it is needed.
                bytes.append(UInt8(ascii: "\""))
                elementText.withUTF8 { utf8 in
                    bytes.reserveCapacity(bytes.count + utf8.count + 2)
                    for byte in utf8 {
                        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                        bytes.append(byte)
                    }
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: "NULL".utf8)
            }
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func decodePostgresArray(from value: PostgresValue) throws -> [Self] {
        let text = try value.requireText(for: [Self].self)
        let elementType = value.type.arrayElementType ?? .unspecified
        return try PostgresArrayLiteral.parse(text).map { try Self.decode(from: PostgresValue(text: $0, type: elementType)) }
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresDataType: PostgresDataType { Element.postgresArrayDataType }
    public func postgresText() throws -> String? { try Element.postgresArrayText(self) }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public static func decode(from value: PostgresValue) throws -> [Element] {
        try Element.decodePostgresArray(from: value)
    }
}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    public static var postgresArrayDataType: PostgresDataType { Wrapped.postgresArrayDataType }
}

extension String: PostgresArrayElement {
    public static var postgresArrayDataType: PostgresDataType { .textArray }

    /// The literal's elements as they are (a `String` takes any element type), without a
    /// ``PostgresValue`` and a decode call per element; NULL elements fail as in the default.
    public static func decodePostgresArray(from value: PostgresValue) throws -> [String] {
        try PostgresArrayLiteral.parse(value.requireText(for: [String].self)).map { element in
            guard let element else { throw PostgresDecodingFailure("unexpected NULL (decode as Optional to accept NULL)") }
            return element
        }
    }
}

extension UUID: PostgresArrayElement {
    public static var postgresArrayDataType: PostgresDataType { .uuidArray }

    /// The default's literal (`{"<id>","<id>"}`, each quoted, lower case), written straight into
    /// one string of the known length: the `= ANY($1)` of the batch reads binds 20 to 100 ids.
    public static func postgresArrayText(_ elements: [UUID]) throws -> String {
        guard !elements.isEmpty else { return "{}" }
        // `{` `}`, 38 per quoted id, a comma between two.
        let length = 2 + elements.count * 39 - 1
        return String(unsafeUninitializedCapacity: length) { text in
            var position = 0
            text[position] = UInt8(ascii: "{")
            position += 1
            for (index, id) in elements.enumerated() {
                if index > 0 {
                    text[position] = UInt8(ascii: ",")
                    position += 1
                }
                text[position] = UInt8(ascii: "\"")
                id.writeLowercased(into: UnsafeMutableBufferPointer(rebasing: text[(position + 1)...]))
                text[position + 37] = UInt8(ascii: "\"")
                position += 38
            }
            text[position] = UInt8(ascii: "}")
            return position + 1
        }
    }
}

extension Int: PostgresArrayElement {
    public static var postgresArrayDataType: PostgresDataType { .int8Array }
}

extension Int64: PostgresArrayElement {
    public static var postgresArrayDataType: PostgresDataType { .int8Array }
}

extension Int32: PostgresArrayElement {
    public static var postgresArrayDataType: PostgresDataType { .int4Array }
}

extension Double: PostgresArrayElement {
    public static var postgresArrayDataType: PostgresDataType { .float8Array }
}

extension Bool: PostgresArrayElement {
    public static var postgresArrayDataType: PostgresDataType { .boolArray }
}

extension Date: PostgresArrayElement {
    public static var postgresArrayDataType: PostgresDataType { .timestamptzArray }
}

extension UInt8: PostgresArrayElement {
    /// `[UInt8]` is `bytea`, not an array of small integers.
    public static var postgresArrayDataType: PostgresDataType { .bytea }

    /// bytea in hex input form (`\x0aff...`).
    public static func postgresArrayText(_ elements: [UInt8]) throws -> String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        bytes.reserveCapacity(2 + elements.count * 2)
        for byte in elements {
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// From `bytea` (hex output form); from any other type (e.g. raw `jsonb` or `text`) the UTF-8 bytes of its text.
    public static func decodePostgresArray(from value: PostgresValue) throws -> [UInt8] {
        let text = try value.requireText(for: [UInt8].self)
        guard value.type == .bytea else { return Array(text.utf8) }
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else {
            throw PostgresDecodingFailure("bytea value is not in hex format")
        }
        func nibble(_ c: UInt8) throws -> UInt8 {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: throw PostgresDecodingFailure("invalid hex digit in bytea value")
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            result.append(try nibble(utf8[index]) << 4 | nibble(utf8[index + 1]))
            index += 2
        }
        return result
    }
}
