import HTTPTypes
import Hummingbird
import InkwellCore
import Logging
import ServiceContextModule

/// Gives every request an id, puts it and the caller's `traceparent` into the task-local
/// `ServiceContext` (where log lines, outgoing calls and published events find them), and
/// returns `X-Request-Id` on every response (errors included: it runs outside ``ProblemMiddleware``),
/// with `X-Content-Type-Options: nosniff`: JSON that carries user-written text (a title such as
/// `<script>…`) is never sniffed into HTML by a browser.
///
/// Spans are not made here: with tracing on, Hummingbird's `TracingMiddleware` (outside this
/// one) has made the request's span; with it off, the caller's `traceparent` is forwarded as is.
public struct RequestIdMiddleware: RouterMiddleware {
    public typealias Context = InkwellRequestContext

    let ids: RequestIdGenerator

    public init(ids: RequestIdGenerator = RequestIdGenerator()) {
        self.ids = ids
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var serviceContext = ServiceContext.current ?? .topLevel
        let forwarded = request.headers[.traceparent].flatMap(Traceparent.init)
        if let forwarded { serviceContext.forwardedTraceparent = forwarded }
        // Without a client id, the trace id serves (the caller's, or this request's span's when
        // tracing is on): one id to search logs and traces by. Else a random one.
        context.requestId = request.headers[.requestId].flatMap(Self.sanitized)
            ?? (forwarded ?? serviceContext.outgoingTraceparent.flatMap(Traceparent.init)).map { String($0.traceId) }
            ?? ids.next()
        // Log lines get request_id and trace_id from here, through the logging system's metadata
        // provider, only when a line is written: setting them on the request's logger re-rendered
        // its metadata on every request (7 % of a trivial request's CPU in a profile).
        serviceContext.requestId = context.requestId
        let handlerContext = context
        var response: Response = try await ServiceContext.withValue(serviceContext) {
            do {
                return try await next(request, handlerContext)
            } catch let error as any HTTPResponseError {
                return try error.response(from: request, context: handlerContext)
            }
        }
        response.headers[.requestId] = context.requestId
        response.headers[.contentTypeOptions] = "nosniff"
        return response
    }

    /// A client's id is echoed only when it is short and printable (it ends up in logs and headers).
    static func sanitized(_ value: String) -> String? {
        guard (1...128).contains(value.utf8.count),
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { return nil }
        return value
    }
}

extension HTTPField.Name {
    public static let requestId = Self("X-Request-Id")!
    public static let traceparent = Self("traceparent")!
    public static let contentTypeOptions = Self("X-Content-Type-Options")!
}
