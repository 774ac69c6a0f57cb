/// Which service answers a public path (API.md). Paths under `/internal/` belong to no service
/// here: the gateway never routes them.
public struct RouteMap: Sendable {
    public init() {}

    /// Requests the gateway answers itself by composing several services (the proxy leaves them
    /// to the gateway's router): `GET /api/v1/users/{username}` (not `me`, which is private).
    public func isComposed(method: String, path: String) -> Bool {
        guard method == "GET" else { return false }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return segments.count == 5 && segments[1] == "api" && segments[2] == "v1" && segments[3] == "users"
            && !segments[4].isEmpty && segments[4] != "me"
    }

    public func upstream(for path: String) -> Upstream? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard let first = segments.first else { return nil }
        if first == ".well-known" { return path == "/.well-known/jwks.json" ? .users : nil }
        guard first == "api", segments.dropFirst().first == "v1" else { return nil }
        let rest = Array(segments.dropFirst(2))
        guard let resource = rest.first else { return nil }
        switch resource {
        case "auth", "users": return .users
        case "comments", "moderation": return .comments
        case "posts":
            // /api/v1/posts/{slug}/comments belongs to the comments service.
            return rest.count >= 3 && rest[2] == "comments" ? .comments : .blog
        case "tags", "search", "media": return .blog
        default: return nil
        }
    }
}
