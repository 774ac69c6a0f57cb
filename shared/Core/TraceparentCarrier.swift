import Instrumentation

/// The one header a trace travels in, as a carrier for the instrument's inject and extract:
/// what ``ServiceContext/outgoingTraceparent`` asks the bootstrapped tracer to write.
public struct TraceparentCarrier: Sendable {
    public var traceparent: String?

    public init(traceparent: String? = nil) { self.traceparent = traceparent }

    /// Writes `traceparent` (other keys, such as `tracestate`, are not carried).
    public struct Injector: Instrumentation.Injector {
        public init() {}
        public func inject(_ value: String, forKey key: String, into carrier: inout TraceparentCarrier) {
            if key == "traceparent" { carrier.traceparent = value }
        }
    }

    /// Reads `traceparent`.
    public struct Extractor: Instrumentation.Extractor {
        public init() {}
        public func extract(key: String, from carrier: TraceparentCarrier) -> String? {
            key == "traceparent" ? carrier.traceparent : nil
        }
    }
}
