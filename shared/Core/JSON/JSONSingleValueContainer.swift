/// One scalar (or one nested value) in place of a container.
struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let sink: JSONSink
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { sink.writeNull() }
    mutating func encode(_ value: Bool) throws { sink.write(value) }
    mutating func encode(_ value: String) throws { sink.writeString(value) }
    mutating func encode(_ value: Double) throws { try sink.write(value, codingPath: codingPath) }
    mutating func encode(_ value: Float) throws { try sink.write(Double(value), codingPath: codingPath) }
    mutating func encode(_ value: Int) throws { sink.write(value) }
    mutating func encode(_ value: Int64) throws { sink.write(value) }
    mutating func encode(_ value: UInt64) throws { sink.write(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try sink.encodeValue(value) }
}
