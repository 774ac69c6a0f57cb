import Foundation

/// The output of one ``StreamingJSONEncoder`` run: the bytes written so far and the stack of
/// open objects and arrays (a container is closed when its parent writes its next member, or at
/// the end of the value that opened it, since `Encodable` has no "end of container" call).
final class JSONSink {
    struct Frame {
        var isObject: Bool
        var count = 0
    }

    // Unchecked exclusivity: a class's stored properties get a dynamic check (swift_beginAccess)
    // on every mutation, which showed in the gateway's profile of composed reads (an append per
    // scalar). Safe: a sink belongs to one `StreamingJSONEncoder.encode` call on one thread, and
    // no method holds an access to `bytes` or `frames` across a call that touches them again
    // (each appends, then returns; the closures in `writeString`/`writeUUID` only append).
    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) var frames: [Frame] = []

    init() { bytes.reserveCapacity(1024) }

    /// Closes every container opened at or above `depth` (frames are numbered from 0).
    func close(downTo depth: Int) {
        while frames.count > depth {
            bytes.append(frames.removeLast().isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    func open(object: Bool) {
        bytes.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        frames.append(Frame(isObject: object))
    }

    /// Starts the next member of the container at `frame`: closes what its previous member left
    /// open, writes the separator and, in an object, the key.
    func beginMember(of frame: Int, key: String?) {
        close(downTo: frame + 1)
        if frames[frame].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[frame].count += 1
        if let key {
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// Writes any value: the scalars the conventions fix (dates) here, the rest by its `encode(to:)`.
    func encodeValue<Value: Encodable>(_ value: Value) throws {
        // A metatype comparison, not `as?`: a dynamic cast on every value showed in profiles.
        if Value.self == Date.self {
            writeDate(unsafeBitCast(value, to: Date.self))
            return
        }
        let depth = frames.count
        let start = bytes.count
        let encoder = JSONValueEncoder(sink: self, depth: depth)
        try value.encode(to: encoder)
        close(downTo: depth)
        // A type that asked for no container at all encodes as an empty object (as Foundation's does).
        if bytes.count == start { bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")]) }
    }

    /// A date as ``InkwellJSON/format(_:)`` writes it, without the intermediate `String` when
    /// ``InkwellJSON`` can format it straight to bytes.
    func writeDate(_ date: Date) {
        bytes.append(UInt8(ascii: "\""))
        if !InkwellJSON.appendFormatted(date, to: &bytes) { bytes.append(contentsOf: InkwellJSON.format(date).utf8) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The canonical lower-case 8-4-4-4-12 form, quoted: the 38 bytes formatted on the stack and
    /// appended at once (a byte-by-byte append, one uniqueness and capacity check each, showed
    /// in the gateway's profile of a post with 60 comments: five ids each).
    func writeUUID(_ uuid: UUID) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 38) { text in
            text[0] = UInt8(ascii: "\"")
            uuid.writeLowercased(into: UnsafeMutableBufferPointer(rebasing: text[1...]))
            text[37] = UInt8(ascii: "\"")
            bytes.append(contentsOf: UnsafeBufferPointer(text))
        }
    }

    /// Writes a value by its hand-written ``JSONStreamEncodable`` fast path when it has one, else
    /// by ``encodeValue(_:)``. Only where a whole response (or a fast path's member) starts: the
    /// conformance lookup is a dynamic cast, too dear for every nested value.
    func encodeTopLevel<Value: Encodable>(_ value: Value) throws {
        if let value = value as? any JSONStreamEncodable {
            var output = JSONOutput(sink: self)
            try value.encodeJSON(to: &output)
        } else {
            try encodeValue(value)
        }
    }

    func writeNull() { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    func write(_ value: Bool) {
        if value { bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } else { bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65]) }
    }

    func write<Integer: BinaryInteger>(_ value: Integer) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        // Digits of the magnitude, least significant first, into a small stack buffer.
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits in
            var count = 0
            while magnitude != 0 {
                let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
                digits[count] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remainder)
                count += 1
                magnitude = quotient
            }
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            while count > 0 {
                count -= 1
                bytes.append(digits[count])
            }
        }
    }

    func write(_ value: Double, codingPath: [any CodingKey]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "JSON has no \(value)"))
        }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            write(Int64(value))
        } else {
            // Swift's shortest representation that reads back as the same Double; valid JSON.
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`.
    func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                // Eight bytes at a time while none needs an escape (most text), then byte by byte.
                if let base = utf8.baseAddress {
                    while index + 8 <= utf8.count, !Self.needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                        index += 8
                    }
                }
                guard index < utf8.count else { break }
                let byte = utf8[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index - 1]))
                runStart = index
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes of `word` is a control character, `"` or `\` (exact, for
    /// the word as a whole: the classic "has a byte less than n / equal to zero" bit tricks).
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below 0x20: (x - 0x20 each) & ~x has its high bit set (exact for n <= 0x80).
        let control = (word &- ones &* 0x20) & ~word
        // A byte equal to c: the same test for zero on x ^ c.
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let quote = (quotes &- ones) & ~quotes
        let backslash = (backslashes &- ones) & ~backslashes
        return (control | quote | backslash) & highs != 0
    }
}
