import Instrumentation
import ServiceContextModule

/// What the work in progress passes on, in the task-local `ServiceContext` (swift-service-context)
/// rather than through every call: the HTTP edge sets it for each request, a consumer for each
/// event; outgoing calls and published events read it.
extension ServiceContext {
    /// This request's `X-Request-Id`, if any.
    public var requestId: String? {
        get { self[RequestIdKey.self] }
        set { self[RequestIdKey.self] = newValue }
    }

    /// The caller's `traceparent` (of a request or an event), passed on unchanged when no tracer
    /// records spans of its own (OTLP export off): the trace still reaches services and events.
    public var forwardedTraceparent: Traceparent? {
        get { self[ForwardedTraceparentKey.self] }
        set { self[ForwardedTraceparentKey.self] = newValue }
    }

    /// The `traceparent` to send with outgoing work (a call, an event): the current span's, when
    /// the bootstrapped tracer records spans (swift-otel injects it), else the forwarded one.
    public var outgoingTraceparent: String? {
        var carrier = TraceparentCarrier()
        InstrumentationSystem.instrument.inject(self, into: &carrier, using: TraceparentCarrier.Injector())
        return carrier.traceparent ?? forwardedTraceparent?.value
    }

    /// `outgoingTraceparent` of the current task, if any.
    public static var currentTraceparent: String? { current?.outgoingTraceparent }
}

private enum RequestIdKey: ServiceContextKey {
    typealias Value = String
    static var nameOverride: String? { "inkwell.request-id" }
}

private enum ForwardedTraceparentKey: ServiceContextKey {
    typealias Value = Traceparent
    static var nameOverride: String? { "inkwell.forwarded-traceparent" }
}
