import Foundation

/// A UUID that encodes as the canonical lower-case string (RFC 9562), as every id in Inkwell's
/// JSON does; Foundation's encoder would write upper case, and ids must compare equal as strings
/// across the API, event subjects and record keys.
@propertyWrapper
public struct LowercaseUUID: Codable, Sendable, Hashable {
    public var wrappedValue: UUID
    public init(wrappedValue: UUID) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let string = try decoder.singleValueContainer().decode(String.self)
        // The fast parse first (Foundation's goes through sscanf); Foundation's decides the rest.
        guard let uuid = UUID(canonical: string) ?? UUID(uuidString: string) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a UUID"))
        }
        wrappedValue = uuid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.uuidString.lowercased())
    }
}
