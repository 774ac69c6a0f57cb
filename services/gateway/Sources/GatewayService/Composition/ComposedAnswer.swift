import HTTPTypes
import InkwellCore
import InkwellHTTPClient
import NIOCore

/// How a composed read's answer is made: the composed JSON (one pass of
/// `InkwellJSON.responseEncoder`), a service's answer passed on, or its redirect at the
/// gateway's URL; each a ``CacheableResponse`` with what it shows.
public enum ComposedAnswer {
    /// The statuses whose answer the cache keeps: 200 and 404 (the blog's and the users service's
    /// 404s are theirs to end, with an event naming the slug or username; the comments route keeps
    /// none, see ``ReadComposer/comments(_:context:)``). Not 301: an old slug's redirect names the
    /// post only by its new slug, and no event of a later rename, unpublication or reuse of the
    /// old slug would drop it (a rare read, and cheap).
    static let cacheableStatuses: Set<Int> = [200, 404]

    /// Whether the cache may keep an answer: a 200 or 404, not degraded.
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
