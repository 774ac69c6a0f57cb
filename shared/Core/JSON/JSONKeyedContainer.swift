/// An object's members, written as they are encoded.
struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: JSONSink
    let frame: Int
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        sink.beginMember(of: frame, key: key.stringValue)
        sink.writeNull()
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        sink.beginMember(of: frame, key: key.stringValue)
        sink.write(value)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        sink.beginMember(of: frame, key: key.stringValue)
        sink.writeString(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        sink.beginMember(of: frame, key: key.stringValue)
        try sink.write(value, codingPath: codingPath + [key])
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        sink.beginMember(of: frame, key: key.stringValue)
        try sink.write(Double(value), codingPath: codingPath + [key])
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        sink.beginMember(of: frame, key: key.stringValue)
        sink.write(value)
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
        sink.beginMember(of: frame, key: key.stringValue)
        sink.write(value)
    }

    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        sink.beginMember(of: frame, key: key.stringValue)
        sink.write(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        sink.beginMember(of: frame, key: key.stringValue)
        try sink.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        sink.beginMember(of: frame, key: key.stringValue)
        sink.open(object: true)
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(sink: sink, frame: sink.frames.count - 1, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        sink.beginMember(of: frame, key: key.stringValue)
        sink.open(object: false)
        return JSONUnkeyedContainer(sink: sink, frame: sink.frames.count - 1, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        // The value goes right here: the super encoder must write one (a superclass's container).
        sink.beginMember(of: frame, key: key.stringValue)
        return JSONValueEncoder(sink: sink, depth: sink.frames.count, codingPath: codingPath + [key])
    }
}
