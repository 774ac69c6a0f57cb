import HTTPTypes
import InkwellCore
import InkwellHTTPClient
import NIOCore

/// How a composed read's answer is made: the composed JSON (one pass of
/// `InkwellJSON.responseEncoder`), a service's answer passed on, or its redirect at the
/// gateway's URL; each a ``CacheableResponse`` with what it shows.
public enum ComposedAnswer {
    /// The statuses whose answer is complete and the same for every anonymous caller. Not 404:
    /// the comments service learns posts from events, so its 404 for a post just published can
    /// come after the gateway applied that event, and a kept 404 would outlive it.
    static let cacheableStatuses: Set<Int> = [200, 301]

    /// Whether the cache may keep an answer: 200 or 301, and not degraded.
    public static func isCacheable(status: Int, degradation: Degradation) -> Bool {
        cacheableStatuses.contains(status) && !degradation.isDegraded
    }

    /// 200 with `body` as JSON and, when degraded, `X-Inkwell-Degraded`; `eTag` is the critical
    /// part's (a post's version, for `If-Match` on its next write).
    public static func json(_ body: some Encodable, tags: Set<CacheTag>, degradation: Degradation = Degradation(), eTag: String? = nil) throws -> CacheableResponse {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let eTag { headers[.eTag] = eTag }
        if let degraded = degradation.headerValue { headers[.inkwellDegraded] = degraded }
        let bytes = try InkwellJSON.responseEncoder.encode(body)
        return CacheableResponse(
            status: .ok, headers: headers, body: ByteBuffer(bytes: bytes), tags: tags,
            isCacheable: isCacheable(status: 200, degradation: degradation)
        )
    }

    /// A service's answer as it is (status, body, the headers a client needs).
    public static func passOn(_ response: HTTPClientResponse, tags: Set<CacheTag>) -> CacheableResponse {
        var headers = HTTPFields()
        for name in ProxyController.passedResponseHeaders {
            if let value = response.header(name.canonicalName) { headers[name] = value }
        }
        return CacheableResponse(
            status: .init(code: response.status), headers: headers, body: ByteBuffer(bytes: response.body), tags: tags,
            isCacheable: isCacheable(status: response.status, degradation: Degradation())
        )
    }

    /// A service's redirect with its `Location` at the gateway's URL (the client's `query` kept).
    public static func redirect(_ response: HTTPClientResponse, to location: RedirectLocation, query: String?, tags: Set<CacheTag>) -> CacheableResponse {
        var answer = passOn(response, tags: tags)
        if let target = response.header("Location") { answer.headers[.location] = location.rewrite(target, query: query) }
        return answer
    }
}
