import Foundation

/// W3C Trace Context (`traceparent: 00-<trace-id>-<parent-id>-<flags>`).
///
/// A service continues the caller's trace (same trace id, a new span id of its own) and passes
/// `traceparent` on to the services it calls and into the events it publishes.
public struct TraceContext: Sendable, Equatable {
    public var traceId: String
    public var spanId: String
    public var flags: String

    /// A new trace (sampled).
    public init() {
        traceId = Self.randomHex(bytes: 16)
        spanId = Self.randomHex(bytes: 8)
        flags = "01"
    }

    /// Continues the trace of a `traceparent` header with a new span; nil when the header is malformed.
    public init?(continuing header: String) {
        let parts = header.trimmingCharacters(in: .whitespaces).lowercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].count == 2, parts[0] != "ff",
              parts[1].count == 32, parts[2].count == 16, parts[3].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isHexDigit) }),
              parts[1] != String(repeating: "0", count: 32), parts[2] != String(repeating: "0", count: 16)
        else { return nil }
        traceId = String(parts[1])
        spanId = Self.randomHex(bytes: 8)
        flags = String(parts[3])
    }

    /// The header value naming this span as the parent.
    public var traceparent: String { "00-\(traceId)-\(spanId)-\(flags)" }

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
