import HTTPTypes
import Hummingbird
import InkwellHTTPClient
import InkwellServiceKit

/// The services' public paths (API.md) as routes on the gateway's router, each passing the
/// request on to the owning service and its answer back faithfully (status, body and the
/// headers a client needs).
///
/// One route group per path prefix, with its body limit: media uploads 5 MiB, everything else
/// 1 MiB (``InkwellLimits``). Hummingbird's router picks the most specific route (a constant
/// segment before a `{parameter}` before `**`), so the gateway's own composed routes, registered
/// beside these, win where they apply: `GET /api/v1/users/{username}` is ``ProfileController``'s,
/// `/api/v1/users/me` and longer paths under a user are the users service's. Nothing routes
/// `/internal/...`, `/metrics` of a service or `/health/...` of a service.
public struct ProxyController: Sendable {
    let upstreams: UpstreamClient
    /// Where the public reads of ``PassThroughCaching`` go through, if anywhere.
    let cache: ResponseCache?

    /// The methods passed on; a service answers 405 for those it does not have on a path.
    static let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    /// Response headers worth passing on; connection-level ones are the gateway's own business.
    static let passedResponseHeaders: [HTTPField.Name] = [
        .contentType, .location, .eTag, .retryAfter, .wwwAuthenticate, .cacheControl, .allow, .lastModified,
    ]

    public init(upstreams: UpstreamClient, cache: ResponseCache? = nil) {
        self.upstreams = upstreams
        self.cache = cache
    }

    public func register(on router: Router<InkwellRequestContext>) {
        let json = BodyLimitMiddleware(InkwellLimits.jsonBody)
        proxy(router.group(".well-known/jwks.json").add(middleware: json), ["/"], to: .users)
        let api = router.group("api/v1")
        proxy(api.group("auth").add(middleware: json), ["/", "**"], to: .users)
        // `{username}` itself (GET) is ProfileController's; `me` is a constant and so wins over it.
        proxy(api.group("users").add(middleware: json), ["/", "me", "{username}/**"], to: .users)
        // GET of the feed, a post, its comments, search and the moderation queue is
        // ComposedReadsController's; every other method of those paths is passed on here.
        let posts = api.group("posts").add(middleware: json)
        proxy(posts, ["/", "{slug}"], to: .blog, except: [.get])
        proxy(posts, ["{slug}/**"], to: .blog)
        proxy(api.group("posts/{slug}/comments").add(middleware: json), ["/"], to: .comments, except: [.get])
        proxy(api.group("tags").add(middleware: json), ["/", "**"], to: .blog)
        let search = api.group("search").add(middleware: json)
        proxy(search, ["/"], to: .blog, except: [.get])
        proxy(search, ["**"], to: .blog)
        proxy(api.group("media").add(middleware: BodyLimitMiddleware(InkwellLimits.mediaBody)), ["/", "**"], to: .blog)
        proxy(api.group("comments").add(middleware: json), ["/", "**"], to: .comments)
        let moderation = api.group("moderation").add(middleware: json)
        proxy(moderation, ["comments"], to: .comments, except: [.get])
        proxy(moderation, ["/", "**"], to: .comments)
    }

    /// Routes every method of `paths` (relative to `group`) but `except` to `upstream`.
    func proxy(_ group: RouterGroup<InkwellRequestContext>, _ paths: [RouterPath], to upstream: Upstream, except: [HTTPRequest.Method] = []) {
        for path in paths {
            for method in Self.methods where !except.contains(method) {
                group.on(path, method: method) { request, context in
                    try await self.forward(request, context: context, to: upstream)
                }
            }
        }
    }

    func forward(_ request: Request, context: InkwellRequestContext, to upstream: Upstream) async throws -> Response {
        if let cache, request.method == .get || request.method == .head, let tags = PassThroughCaching.tags(path: request.uri.path) {
            let pathAndQuery = request.uri.query.map { "\(request.uri.path)?\($0)" } ?? request.uri.path
            return try await cache.read(request, context: context) {
                let response = try await upstreams.send(
                    upstream, method: request.method.rawValue, pathAndQuery: pathAndQuery, headers: request.headers, body: nil, context: context)
                return CacheableResponse(
                    status: .init(code: response.status), headers: Self.relayedHeaders(response), body: ByteBuffer(bytes: response.body),
                    tags: tags, isCacheable: PassThroughCaching.isCacheable(status: response.status))
            }
        }
        // The route group's BodyLimitMiddleware has refused a declared length over the limit
        // already and set it as the context's; this bounds a body sent without a length.
        let limit = context.maxUploadSize
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw HTTPProblem(.contentTooLarge, detail: "The request body is larger than \(limit) bytes.")
        }
        let hasBody = buffer.readableBytes > 0 || request.method == .post || request.method == .put || request.method == .patch
        // Path and query only: a request target in absolute form must not choose the host.
        let pathAndQuery = request.uri.query.map { "\(request.uri.path)?\($0)" } ?? request.uri.path
        let response = try await upstreams.send(
            upstream, method: request.method.rawValue, pathAndQuery: pathAndQuery,
            headers: request.headers, body: hasBody ? Array(buffer.readableBytesView) : nil, context: context
        )
        if let cache {
            let written = WriteInvalidation.tags(method: request.method.rawValue, path: request.uri.path, status: response.status, body: response.body)
            if !written.isEmpty { _ = cache.invalidate(written) }
        }
        return Self.relay(response)
    }

    static func relay(_ response: HTTPClientResponse) -> Response {
        Response(status: .init(code: response.status), headers: relayedHeaders(response), body: .init(byteBuffer: ByteBuffer(bytes: response.body)))
    }

    static func relayedHeaders(_ response: HTTPClientResponse) -> HTTPFields {
        var headers = HTTPFields()
        for name in passedResponseHeaders {
            if let value = response.header(name.canonicalName) { headers[name] = value }
        }
        return headers
    }
}
