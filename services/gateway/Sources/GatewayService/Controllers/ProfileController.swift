import Hummingbird
import InkwellServiceKit

/// `GET /api/v1/users/{username}`: the public user plus `recentPosts`, composed by
/// ``ReadComposer/profile(_:context:)`` (degraded `X-Inkwell-Degraded: blog` when the blog has
/// no answer in time; the users service's answer, or a 503, passed on when it has none).
public struct ProfileController: Sendable {
    let composer: ReadComposer

    public init(composer: ReadComposer) { self.composer = composer }

    public func register(on routes: RouteTable) {
        routes.on("/api/v1/users/{username}", .get) { request, context in
            try await composer.profile(request, context: context).response
        }
    }
}
