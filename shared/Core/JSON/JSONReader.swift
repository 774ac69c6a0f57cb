import Foundation

/// A one-pass pull reader over the bytes of one JSON document, for ``JSONStreamDecodable``
/// conformances: objects member by member (``beginObject()``, ``nextKey(_:)``), arrays element
/// by element, scalars as Inkwell's conventions decode them (RFC 3339 dates, canonical UUIDs).
///
/// It accepts strict RFC 8259 only, with valid UTF-8: anything else (and anything whose value
/// only Foundation may decide: an escaped key, a fraction or exponent where an integer is read,
/// `-0`, a lone surrogate, a duplicate member, nesting deeper than ``maxDepth``) throws
/// ``JSONDeclined`` and the document goes to Foundation's decoder instead. Skipped values are
/// checked just as strictly, so a document this accepts is one Foundation accepts too.
///
/// Safety: it reads an `UnsafeBufferPointer` that ``InkwellJSON/decodeFast(_:from:)`` lends
/// for the reader's whole life (the reader is `~Copyable` and only ever passed `inout` inside
/// that call); every read goes through ``byte(at:)``, which checks the bound.
public struct JSONReader: ~Copyable {
    /// The deepest nesting of objects and arrays read (Foundation allows 512; anything deeper
    /// than Inkwell's shapes goes there). It also bounds the recursion of nested values.
    public static let maxDepth = 64

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The position in an object: whether a member was read (the next needs a comma).
    public struct ObjectCursor {
        var hasMembers = false
    }

    /// The position in an array.
    public struct ArrayCursor {
        var hasElements = false
    }

    // MARK: Bytes

    /// The byte at `offset`, or 0 past the end (0 is never valid where a reader looks).
    @inline(__always)
    func byte(at offset: Int) -> UInt8 { offset < bytes.count ? bytes[offset] : 0 }

    @inline(__always)
    var current: UInt8 { byte(at: index) }

    public func declined(_ reason: StaticString) -> JSONDeclined { JSONDeclined(offset: index, reason: reason) }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Skips whitespace and consumes `expected`, or declines.
    @inline(__always)
    mutating func expect(_ expected: UInt8, _ reason: StaticString) throws(JSONDeclined) {
        skipWhitespace()
        guard current == expected else { throw declined(reason) }
        index += 1
    }

    /// After the top-level value: only whitespace may follow.
    mutating func end() throws(JSONDeclined) {
        skipWhitespace()
        guard index == bytes.count else { throw declined("bytes after the value") }
    }

    // MARK: Containers

    /// `{`; then ``nextKey(_:)`` until it returns nil.
    public mutating func beginObject() throws(JSONDeclined) -> ObjectCursor {
        try expect(UInt8(ascii: "{"), "expected an object")
        try enter()
        return ObjectCursor()
    }

    /// The next member's key (its value comes next: read it or ``skipValue()``), or nil at `}`.
    public mutating func nextKey(_ cursor: inout ObjectCursor) throws(JSONDeclined) -> JSONKey? {
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return nil
        }
        if cursor.hasMembers {
            guard current == UInt8(ascii: ",") else { throw declined("expected , or }") }
            index += 1
            skipWhitespace()
        }
        cursor.hasMembers = true
        guard current == UInt8(ascii: "\"") else { throw declined("expected a key") }
        let (start, end, escaped) = try scanString()
        // An escaped key could spell a known one: only Foundation unescapes keys.
        if escaped { throw declined("an escaped key") }
        let key = UnsafeBufferPointer(rebasing: bytes[start..<end])
        // Keys are short; the few non-ASCII ones are checked as strings are.
        if key.contains(where: { $0 >= 0x80 }), String(validating: key, as: UTF8.self) == nil { throw declined("invalid UTF-8 in a key") }
        try expect(UInt8(ascii: ":"), "expected :")
        return JSONKey(bytes: key)
    }

    /// `[`; then ``nextElement(_:)`` before each element until it returns false.
    public mutating func beginArray() throws(JSONDeclined) -> ArrayCursor {
        try expect(UInt8(ascii: "["), "expected an array")
        try enter()
        return ArrayCursor()
    }

    /// Whether another element follows (read it next); false at `]`.
    public mutating func nextElement(_ cursor: inout ArrayCursor) throws(JSONDeclined) -> Bool {
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return false
        }
        if cursor.hasElements {
            guard current == UInt8(ascii: ",") else { throw declined("expected , or ]") }
            index += 1
        }
        cursor.hasElements = true
        return true
    }

    /// An array of values that read themselves.
    public mutating func array<Element: JSONStreamDecodable>(of type: Element.Type) throws(JSONDeclined) -> [Element] {
        var cursor = try beginArray()
        var elements: [Element] = []
        while try nextElement(&cursor) { elements.append(try Element.decodeJSON(from: &self)) }
        return elements
    }

    private mutating func enter() throws(JSONDeclined) {
        depth += 1
        guard depth <= Self.maxDepth else { throw declined("nested too deep") }
    }

    /// Stores a member's value, declining a second one (which value wins is Foundation's call).
    public static func once<Value>(_ slot: inout Value?, _ value: Value) throws(JSONDeclined) {
        guard slot == nil else { throw JSONDeclined(offset: -1, reason: "a duplicate member") }
        slot = value
    }

    // MARK: Scalars

    /// Consumes `null` and returns true, or returns false at any other value.
    public mutating func null() throws(JSONDeclined) -> Bool {
        skipWhitespace()
        guard current == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    public mutating func bool() throws(JSONDeclined) -> Bool {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        default: throw declined("expected a boolean")
        }
    }

    /// An integer in plain form (`-?(0|[1-9][0-9]*)`) within `Int64`; a fraction, an exponent,
    /// `-0` or an overflow declines (Foundation's rules for those are its own).
    public mutating func int64() throws(JSONDeclined) -> Int64 {
        skipWhitespace()
        let negative = current == UInt8(ascii: "-")
        if negative { index += 1 }
        let start = index
        var magnitude: UInt64 = 0
        while true {
            let digit = current &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { throw declined("an integer too large") }
            magnitude = sum
            index += 1
        }
        let count = index - start
        guard count > 0, count == 1 || byte(at: start) != UInt8(ascii: "0") else { throw declined("expected an integer") }
        switch current {
        case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw declined("a number that is not a plain integer")
        default: break
        }
        if negative {
            guard magnitude != 0 else { throw declined("-0") }
            guard magnitude <= UInt64(Int64.max) + 1 else { throw declined("an integer too large") }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw declined("an integer too large") }
        return Int64(magnitude)
    }

    public mutating func int() throws(JSONDeclined) -> Int { Int(try int64()) }

    /// A string, unescaped; invalid UTF-8, a raw control character or a lone surrogate declines.
    public mutating func string() throws(JSONDeclined) -> String {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw declined("expected a string") }
        let (start, end, escaped) = try scanString()
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if escaped { return try unescape(raw) }
        guard let string = String(validating: raw, as: UTF8.self) else { throw declined("invalid UTF-8") }
        return string
    }

    /// The string, or nil for `null`.
    public mutating func nullableString() throws(JSONDeclined) -> String? {
        try null() ? nil : try string()
    }

    /// A canonical UUID string (as `LowercaseUUID` decodes it).
    public mutating func uuid() throws(JSONDeclined) -> UUID {
        let raw = try plainString()
        guard let uuid = UUID(canonicalBytes: raw) else { throw declined("not a canonical UUID") }
        return uuid
    }

    public mutating func nullableUUID() throws(JSONDeclined) -> UUID? {
        try null() ? nil : try uuid()
    }

    /// An RFC 3339 date in one of the two forms Inkwell writes (``InkwellJSON/parseFast(bytes:)``);
    /// any other form declines (the decoder's date strategy decides it).
    public mutating func date() throws(JSONDeclined) -> Date {
        let raw = try plainString()
        guard let date = InkwellJSON.parseFast(bytes: raw) else { throw declined("a date in another form") }
        return date
    }

    public mutating func nullableDate() throws(JSONDeclined) -> Date? {
        try null() ? nil : try date()
    }

    /// The bytes of a string without escapes (ids and dates never have any), ASCII checked by the caller's parse.
    private mutating func plainString() throws(JSONDeclined) -> UnsafeBufferPointer<UInt8> {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw declined("expected a string") }
        let (start, end, escaped) = try scanString()
        if escaped { throw declined("an escaped id or date") }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private mutating func literal(_ word: StaticString) throws(JSONDeclined) {
        let count = word.utf8CodeUnitCount
        for offset in 0..<count {
            guard byte(at: index + offset) == word.utf8Start[offset] else { throw declined("expected a literal") }
        }
        index += count
    }

    // MARK: Skipping

    /// Skips any one value, checking it as strictly as a read one (strings' UTF-8 and escapes too).
    public mutating func skipValue() throws(JSONDeclined) {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "{"):
            var cursor = try beginObject()
            while try nextKey(&cursor) != nil { try skipValue() }
        case UInt8(ascii: "["):
            var cursor = try beginArray()
            while try nextElement(&cursor) { try skipValue() }
        case UInt8(ascii: "\""):
            _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try bool()
        case UInt8(ascii: "n"):
            _ = try null()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try skipNumber()
        default:
            throw declined("expected a value")
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, with at most 30 digits in all (a longer
    /// number is Foundation's to judge).
    private mutating func skipNumber() throws(JSONDeclined) {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        func digits(_ reader: inout JSONReader) -> Int {
            let first = reader.index
            while reader.current &- UInt8(ascii: "0") < 10 { reader.index += 1 }
            return reader.index - first
        }
        let intStart = index
        let intDigits = digits(&self)
        guard intDigits > 0, intDigits == 1 || byte(at: intStart) != UInt8(ascii: "0") else { throw declined("expected a number") }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw declined("expected a fraction") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw declined("expected an exponent") }
        }
        guard index - start <= 32 else { throw declined("a long number") }
    }
}
