import Foundation

/// Where a ``JSONStreamEncodable`` value writes its JSON by hand: objects, arrays, keys and
/// scalars straight into the bytes of one ``StreamingJSONEncoder`` run.
///
/// It places the commas itself (a value after another value in the same container gets one), so
/// a writer only opens, names and closes; it does not check that the calls make well-formed JSON:
/// a test of each conformance against its `Encodable` output does (the bytes must be the same).
/// Scalars follow ``InkwellJSON``'s conventions exactly as the `Encodable` path writes them.
public struct JSONOutput: ~Copyable {
    let sink: JSONSink
    /// A value was written in the current container: the next one needs a comma.
    private var needsComma = false

    init(sink: JSONSink) { self.sink = sink }

    private mutating func separate() {
        if needsComma { sink.bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    /// `{`; close with ``endObject()``.
    public mutating func beginObject() {
        separate()
        sink.bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        sink.bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[`; close with ``endArray()``.
    public mutating func beginArray() {
        separate()
        sink.bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        sink.bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// `"name":` inside an object; the member's value comes next. `name` is written as it is, so
    /// it must need no escaping (the API's camelCase keys never do).
    public mutating func key(_ name: StaticString) {
        separate()
        sink.bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { sink.bytes.append(contentsOf: $0) }
        sink.bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    /// `"<id>":` (the canonical lower-case form) inside an object whose keys are ids (a map by
    /// id, as `LowercaseUUID` or `uuidString.lowercased()` keys encode); the value comes next.
    public mutating func key(_ id: UUID) {
        separate()
        sink.writeUUID(id)
        sink.bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func null() {
        separate()
        sink.writeNull()
    }

    public mutating func string(_ value: String) {
        separate()
        sink.writeString(value)
    }

    /// The string, or `null`.
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func integer(_ value: Int64) {
        separate()
        sink.write(value)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        sink.write(value)
    }

    /// The canonical lower-case form, as `LowercaseUUID` encodes it.
    public mutating func uuid(_ value: UUID) {
        separate()
        sink.writeUUID(value)
    }

    /// RFC 3339 with milliseconds (``InkwellJSON/format(_:)``), as dates encode.
    public mutating func date(_ value: Date) {
        separate()
        sink.writeDate(value)
    }

    /// The date, or `null`.
    public mutating func date(_ value: Date?) {
        if let value { date(value) } else { null() }
    }

    /// Any other value through its `encode(to:)` (or its own fast path), in the same output.
    public mutating func value<Value: Encodable>(_ value: Value) throws {
        separate()
        try sink.encodeTopLevel(value)
    }

    /// `elements` as an array, each by its own fast path.
    public mutating func array<Element: JSONStreamEncodable>(_ elements: [Element]) throws {
        beginArray()
        for element in elements { try element.encodeJSON(to: &self) }
        endArray()
    }
}
