import InkwellCore
import InkwellServiceKit
import Logging

/// What a call to a service carries besides the request itself: the request id and trace
/// context it continues, and the logger it reports to. A request's handler makes one from its
/// context; work started by an event (page rendering) makes a fresh one.
public struct UpstreamCall: Sendable {
    public var requestId: String
    public var trace: TraceContext
    public var logger: Logger
    /// When the whole answer is due (a composed read's several calls share one deadline); a call
    /// gets the lesser of the gateway's timeout and the time left. None: the timeout alone.
    public var deadline: ContinuousClock.Instant?

    public init(requestId: String, trace: TraceContext, logger: Logger, deadline: ContinuousClock.Instant? = nil) {
        self.requestId = requestId
        self.trace = trace
        self.logger = logger
        self.deadline = deadline
    }

    /// The call of the request `context` is handling.
    public init(_ context: InkwellRequestContext) {
        self.init(requestId: context.requestId, trace: context.trace, logger: context.logger)
    }

    /// A call that belongs to no client request (a consumer's or a command's): a new request id
    /// and a new trace.
    public static func background(logger: Logger) -> UpstreamCall {
        let trace = TraceContext()
        return UpstreamCall(requestId: trace.traceId, trace: trace, logger: logger)
    }
}
