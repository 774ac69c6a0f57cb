import Foundation

extension InkwellJSON {
    /// Decodes `type` from JSON by its hand-written fast path (``JSONStreamDecodable``), or by
    /// ``decoder`` when the fast path declines the document: the same value, or Foundation's error.
    public static func decodeFast<Value: JSONStreamDecodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        if let value = fastPath(type, from: bytes) { return value }
        return try decoder.decode(Value.self, from: Data(bytes))
    }

    /// ``decodeFast(_:from:)`` from `Data`.
    public static func decodeFast<Value: JSONStreamDecodable>(_ type: Value.Type, from data: Data) throws -> Value {
        let fast = data.withUnsafeBytes { raw in fastPath(type, from: raw.bindMemory(to: UInt8.self)) }
        if let fast { return fast }
        return try decoder.decode(Value.self, from: data)
    }

    /// The fast path alone: the value, or nil when it declines (tests check which inputs it takes).
    public static func fastPath<Value: JSONStreamDecodable>(_ type: Value.Type, from bytes: [UInt8]) -> Value? {
        bytes.withUnsafeBufferPointer { fastPath(type, from: $0) }
    }

    static func fastPath<Value: JSONStreamDecodable>(_ type: Value.Type, from bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        var reader = JSONReader(bytes: bytes)
        do throws(JSONDeclined) {
            let value = try Value.decodeJSON(from: &reader)
            try reader.end()
            return value
        } catch {
            return nil
        }
    }
}
