import Hummingbird
import InkwellServiceKit

/// The composed reads' routes (``ReadComposer``): GETs only, registered on the router beside the
/// proxied paths, which pass every other method of the same paths on (``ProxyController``).
/// Each handler's ``CacheableResponse`` goes through the response cache when there is one.
public struct ComposedReadsController: Sendable {
    let composer: ReadComposer
    let cache: ResponseCache?

    public init(composer: ReadComposer, cache: ResponseCache? = nil) {
        self.composer = composer
        self.cache = cache
    }

    public func register(on router: Router<InkwellRequestContext>) {
        router.get("/api/v1/posts") { request, context in
            try await ResponseCache.read(through: cache, request, context: context) { try await composer.feed(request, context: context) }
        }
        router.get("/api/v1/posts/{slug}") { request, context in
            try await ResponseCache.read(through: cache, request, context: context) { try await composer.post(request, context: context) }
        }
        router.get("/api/v1/posts/{slug}/comments") { request, context in
            try await ResponseCache.read(through: cache, request, context: context) { try await composer.comments(request, context: context) }
        }
        router.get("/api/v1/search") { request, context in
            try await ResponseCache.read(through: cache, request, context: context) { try await composer.search(request, context: context) }
        }
        // Signed-in only: the cache bypasses any request with `Authorization` (and an anonymous
        // one is a 401 the cache does not keep).
        router.get("/api/v1/moderation/comments") { request, context in
            try await ResponseCache.read(through: cache, request, context: context) { try await composer.moderation(request, context: context) }
        }
    }
}
