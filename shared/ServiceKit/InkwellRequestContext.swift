import Hummingbird
import InkwellAuth
import InkwellCore
import Logging

/// The request context of every Inkwell service: the request id of the request,
/// its authenticated caller, and the body limit of the route it matched.
public struct InkwellRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// `X-Request-Id`: the client's (when it sent a sane one) or a new one.
    public var requestId: String = ""
    /// The caller, set by ``AuthMiddleware`` from a verified bearer token; `nil` for an anonymous
    /// request (or a service that does not install the middleware).
    public var user: AuthenticatedUser?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// The most a handler collects of the body (413 beyond): ``InkwellLimits/jsonBody`` unless
    /// the route's ``BodyLimitMiddleware`` says otherwise.
    public var maxUploadSize: Int = InkwellLimits.jsonBody
}

/// Body size limits of the API (API.md, Limits): the one place that says them. Both the early
/// `Content-Length` check and body collection read them, through ``BodyLimitMiddleware`` and
/// ``InkwellRequestContext/maxUploadSize``.
public enum InkwellLimits {
    /// JSON request bodies: 1 MiB.
    public static let jsonBody = 1 << 20
    /// Media uploads: 5 MiB.
    public static let mediaBody = 5 << 20
}
