import W3CTraceContext

/// A W3C `traceparent` header value (`00-<trace-id>-<parent-id>-<flags>`), validated by
/// swift-w3c-trace-context and kept as the text it came as: passing it on costs no formatting.
public struct Traceparent: Sendable, Equatable {
    /// The header value.
    public let value: String

    /// The header `value` when it is well-formed (version, ids not all zero, lower-case hex); nil otherwise.
    public init?(_ value: String) {
        guard (try? TraceContext(traceParentHeaderValue: value)) != nil else { return nil }
        self.value = value
    }

    /// The 32 hex digits of the trace id.
    public var traceId: Substring {
        let start = value.utf8.index(value.utf8.startIndex, offsetBy: 3)
        let end = value.utf8.index(start, offsetBy: 32)
        return value[start..<end]
    }
}
