import Hummingbird
import InkwellServiceKit

/// `GET /api/v1/users/{username}`: the public user plus `recentPosts`, composed by
/// ``ReadComposer/profile(_:context:)`` (degraded `X-Inkwell-Degraded: blog` when the blog has
/// no answer in time; the users service's answer, or a 503, passed on when it has none), through
/// the response cache when there is one.
public struct ProfileController: Sendable {
    let composer: ReadComposer
    let cache: ResponseCache?

    public init(composer: ReadComposer, cache: ResponseCache? = nil) {
        self.composer = composer
        self.cache = cache
    }

    public func register(on routes: RouteTable) {
        routes.on("/api/v1/users/{username}", .get) { request, context in
            try await ResponseCache.read(through: cache, request, context: context) { try await composer.profile(request, context: context) }
        }
    }
}
