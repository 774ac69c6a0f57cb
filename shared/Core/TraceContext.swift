/// W3C Trace Context (`traceparent: 00-<trace-id>-<parent-id>-<flags>`).
///
/// A service continues the caller's trace (same trace id, a new span id of its own) and passes
/// `traceparent` on to the services it calls and into the events it publishes. On every request:
/// the ids come from one random draw and are hex-encoded without Foundation formatting.
public struct TraceContext: Sendable, Equatable {
    public var traceId: String
    public var spanId: String
    public var flags: String

    /// A new trace (sampled).
    public init() {
        let bytes = SecureRandom.bytes(24)
        traceId = Hex.encode(bytes[0..<16])
        spanId = Hex.encode(bytes[16..<24])
        flags = "01"
    }

    /// Continues the trace of a `traceparent` header with a new span; nil when the header is malformed.
    public init?(continuing header: String) {
        // version "-" trace-id "-" parent-id "-" flags, lower-case hex (future versions may append fields).
        let utf8 = Array(header.utf8)
        guard utf8.count >= 55, utf8[2] == UInt8(ascii: "-"), utf8[35] == UInt8(ascii: "-"), utf8[52] == UInt8(ascii: "-"),
              utf8.count == 55 || utf8[55] == UInt8(ascii: "-")
        else { return nil }
        func lowerHex(_ range: Range<Int>) -> Bool {
            utf8[range].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        }
        func allZero(_ range: Range<Int>) -> Bool { utf8[range].allSatisfy { $0 == 0x30 } }
        guard lowerHex(0..<2), lowerHex(3..<35), lowerHex(36..<52), lowerHex(53..<55),
              !(utf8[0] == 0x66 && utf8[1] == 0x66),  // version ff is invalid
              !allZero(3..<35), !allZero(36..<52)
        else { return nil }
        traceId = String(decoding: utf8[3..<35], as: UTF8.self)
        spanId = Hex.encode(SecureRandom.bytes(8))
        flags = String(decoding: utf8[53..<55], as: UTF8.self)
    }

    /// The header value naming this span as the parent.
    public var traceparent: String { "00-\(traceId)-\(spanId)-\(flags)" }
}
