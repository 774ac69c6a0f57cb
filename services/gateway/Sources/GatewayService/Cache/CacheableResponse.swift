import HTTPTypes
import Hummingbird
import NIOCore

/// A complete answer to a public read, as the response cache keeps it: status, the headers a
/// client gets, the body bytes, and what it shows (``CacheTag``s). Composers and the pass-through
/// of public reads produce these; ``response`` turns one into what Hummingbird sends.
public struct CacheableResponse: Sendable {
    public var status: HTTPResponse.Status
    public var headers: HTTPFields
    public var body: ByteBuffer
    /// What the answer shows; an event touching any of these drops it.
    public var tags: Set<CacheTag>
    /// Whether the cache may keep it: complete 200s and 404s (``ComposedAnswer/cacheableStatuses``); never a degraded
    /// answer (it would outlive the outage) or an error.
    public var isCacheable: Bool

    public init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer, tags: Set<CacheTag>, isCacheable: Bool) {
        self.status = status
        self.headers = headers
        self.body = body
        self.tags = tags
        self.isCacheable = isCacheable
    }

    /// The bytes this entry holds in memory (body and headers), for the cache's bound.
    public var size: Int {
        headers.reduce(body.readableBytes) { $0 + $1.name.canonicalName.utf8.count + $1.value.utf8.count + 4 }
    }

    /// What Hummingbird sends; the body buffer is shared, not copied.
    public var response: Response {
        Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}
