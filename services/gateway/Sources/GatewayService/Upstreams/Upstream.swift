/// A service behind the gateway.
public enum Upstream: String, Sendable, CaseIterable {
    case users, blog, comments
}
