import HTTPTypes
import Hummingbird
import InkwellServiceKit

extension ResponseCache {
    /// The answer to a public read through the cache: an anonymous GET or HEAD is served from
    /// the entry of its key or computed once by `compute` (single flight) and kept if cacheable;
    /// anything else (a request with `Authorization`, whose answer may show drafts to their
    /// author; another method; the cache off) is computed and never stored. `X-Cache` says which.
    public func read(
        _ request: Request, context: InkwellRequestContext, compute: @escaping @Sendable () async throws -> CacheableResponse
    ) async throws -> Response {
        guard isEnabled, request.method == .get || request.method == .head, request.headers[.authorization] == nil else {
            var response = try await compute()
            response.headers[.xCache] = CacheOutcome.bypass.rawValue
            return response.response
        }
        let key = CacheKey.make(method: request.method.rawValue, path: request.uri.path, query: request.uri.query)
        let (answer, outcome, hitHeaders) = try await load(key, compute: compute)
        if let hitHeaders {
            // The stored headers already say `X-Cache: hit`: a hit copies nothing.
            return Response(status: answer.status, headers: hitHeaders, body: .init(byteBuffer: answer.body))
        }
        var response = answer
        response.headers[.xCache] = outcome.rawValue
        return response.response
    }

    /// ``read(_:context:compute:)`` through `cache` when there is one; `compute`'s answer as it is
    /// when there is none (the gateway's tests build applications without a cache).
    public static func read(
        through cache: ResponseCache?, _ request: Request, context: InkwellRequestContext,
        compute: @escaping @Sendable () async throws -> CacheableResponse
    ) async throws -> Response {
        guard let cache else { return try await compute().response }
        return try await cache.read(request, context: context, compute: compute)
    }
}
