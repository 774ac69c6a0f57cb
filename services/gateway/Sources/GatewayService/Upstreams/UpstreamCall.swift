import InkwellCore
import InkwellServiceKit
import Logging
import ServiceContextModule

/// What a call to a service carries besides the request itself: the request id, the trace it
/// continues (the `ServiceContext` of the work that makes it: the request's span, or the
/// caller's forwarded `traceparent`), and the logger it reports to. A request's handler makes one
/// from its context; work started by an event (page rendering) makes one in the background.
public struct UpstreamCall: Sendable {
    public var requestId: String
    /// The service context the call runs in: the upstream's client span is its child.
    public var serviceContext: ServiceContext
    public var logger: Logger
    /// When the whole answer is due (a composed read's several calls share one deadline); a call
    /// gets the lesser of the gateway's timeout and the time left. None: the timeout alone.
    public var deadline: ContinuousClock.Instant?

    public init(requestId: String, serviceContext: ServiceContext, logger: Logger, deadline: ContinuousClock.Instant? = nil) {
        self.requestId = requestId
        self.serviceContext = serviceContext
        self.logger = logger
        self.deadline = deadline
    }

    /// The call of the request `context` is handling (made in its handler, where the task's
    /// `ServiceContext` is the request's).
    public init(_ context: InkwellRequestContext) {
        self.init(requestId: context.requestId, serviceContext: ServiceContext.current ?? .topLevel, logger: context.logger)
    }

    /// A call that belongs to no client request (a consumer's or a command's): a new request id,
    /// and the trace of the current task (the consumer's span of its event), if any.
    public static func background(logger: Logger) -> UpstreamCall {
        let context = ServiceContext.current ?? .topLevel
        let requestId = context.outgoingTraceparent.flatMap(Traceparent.init).map { String($0.traceId) } ?? Hex.encode(SecureRandom.bytes(16))
        return UpstreamCall(requestId: requestId, serviceContext: context, logger: logger)
    }
}
