/// An array's elements, written as they are encoded.
struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let sink: JSONSink
    let frame: Int
    var codingPath: [any CodingKey]
    var count: Int { sink.frames.count > frame ? sink.frames[frame].count : 0 }

    mutating func encodeNil() throws {
        sink.beginMember(of: frame, key: nil)
        sink.writeNull()
    }

    mutating func encode(_ value: Bool) throws {
        sink.beginMember(of: frame, key: nil)
        sink.write(value)
    }

    mutating func encode(_ value: String) throws {
        sink.beginMember(of: frame, key: nil)
        sink.writeString(value)
    }

    mutating func encode(_ value: Double) throws {
        sink.beginMember(of: frame, key: nil)
        try sink.write(value, codingPath: codingPath)
    }

    mutating func encode(_ value: Int) throws {
        sink.beginMember(of: frame, key: nil)
        sink.write(value)
    }

    mutating func encode(_ value: Int64) throws {
        sink.beginMember(of: frame, key: nil)
        sink.write(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        sink.beginMember(of: frame, key: nil)
        try sink.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        sink.beginMember(of: frame, key: nil)
        sink.open(object: true)
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(sink: sink, frame: sink.frames.count - 1, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.beginMember(of: frame, key: nil)
        sink.open(object: false)
        return JSONUnkeyedContainer(sink: sink, frame: sink.frames.count - 1, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        sink.beginMember(of: frame, key: nil)
        return JSONValueEncoder(sink: sink, depth: sink.frames.count, codingPath: codingPath)
    }
}
