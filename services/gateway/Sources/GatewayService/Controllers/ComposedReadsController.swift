import Hummingbird
import InkwellServiceKit

/// The composed reads' routes (``ReadComposer``): GETs only, registered on the router beside the
/// proxied paths, which pass every other method of the same paths on (``ProxyController``).
/// Each handler's ``CacheableResponse`` is what a response cache keeps; here it is sent as is.
public struct ComposedReadsController: Sendable {
    let composer: ReadComposer

    public init(composer: ReadComposer) { self.composer = composer }

    public func register(on router: Router<InkwellRequestContext>) {
        router.get("/api/v1/posts") { request, context in try await composer.feed(request, context: context).response }
        router.get("/api/v1/posts/{slug}") { request, context in try await composer.post(request, context: context).response }
        router.get("/api/v1/posts/{slug}/comments") { request, context in try await composer.comments(request, context: context).response }
        router.get("/api/v1/search") { request, context in try await composer.search(request, context: context).response }
        router.get("/api/v1/moderation/comments") { request, context in try await composer.moderation(request, context: context).response }
    }
}
