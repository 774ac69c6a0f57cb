/// A field of a PATCH body: absent (leave it), `null` (clear it) or a value.
public enum PatchValue<Value: Sendable & Equatable>: Sendable, Equatable {
    case absent
    case null
    case value(Value)

    /// The value after the patch, given the current one.
    public func applied(to current: Value?) -> Value? {
        switch self {
        case .absent: current
        case .null: nil
        case .value(let value): value
        }
    }

    public var isAbsent: Bool { self == .absent }

    /// The value, transformed; absent and null stay as they are.
    public func map<T>(_ transform: (Value) throws -> T) rethrows -> PatchValue<T> {
        switch self {
        case .absent: .absent
        case .null: .null
        case .value(let value): .value(try transform(value))
        }
    }
}

extension KeyedDecodingContainer {
    /// Decodes a PATCH field, telling an absent key from an explicit `null`.
    func decodePatch<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> PatchValue<Value> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(Value.self, forKey: key))
    }
}
