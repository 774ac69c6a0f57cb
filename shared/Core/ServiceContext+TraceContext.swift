import ServiceContextModule

/// The W3C trace context of the work in progress, carried in the task-local `ServiceContext`
/// (swift-service-context) rather than threaded through every call: the HTTP edge sets it for
/// each request, outgoing calls and published events read it.
extension ServiceContext {
    /// This request's trace context, if any.
    public var traceContext: TraceContext? {
        get { self[TraceContextKey.self] }
        set { self[TraceContextKey.self] = newValue }
    }

    /// This request's `X-Request-Id`, if any.
    public var requestId: String? {
        get { self[RequestIdKey.self] }
        set { self[RequestIdKey.self] = newValue }
    }

    /// `traceparent` of the current task's trace context, if any.
    public static var currentTraceparent: String? { current?.traceContext?.traceparent }
}

private enum TraceContextKey: ServiceContextKey {
    typealias Value = TraceContext
    static var nameOverride: String? { "inkwell.trace" }
}

private enum RequestIdKey: ServiceContextKey {
    typealias Value = String
    static var nameOverride: String? { "inkwell.request-id" }
}
