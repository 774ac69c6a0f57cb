import Hummingbird
import InkwellCore
import Logging

/// The request context of every Inkwell service: the request id and trace context of the request,
/// and the 1 MiB body limit of the JSON API.
public struct InkwellRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// `X-Request-Id`: the client's (when it sent a sane one) or a new one.
    public var requestId: String = ""
    /// The W3C trace context of this request (continued from `traceparent`, or started here).
    public var trace: TraceContext = .init()
    /// Set by authentication middleware in the services that verify tokens.
    public var storage: [String: String] = [:]

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// JSON request bodies are limited to 1 MiB (API.md); larger ones get 413.
    public var maxUploadSize: Int { InkwellLimits.jsonBody }
}

/// Body size limits of the API.
public enum InkwellLimits {
    public static let jsonBody = 1 << 20
    public static let mediaBody = 5 << 20
}
