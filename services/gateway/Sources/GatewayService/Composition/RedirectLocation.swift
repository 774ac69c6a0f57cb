/// A service's `Location` rewritten to the gateway's URL: the blog answers an old slug with a
/// 301 to its own path (`/api/v1/posts/<new slug>`, or an absolute URL at its own host); the
/// client must be sent to the same path at `PUBLIC_BASE_URL`, with the query it asked with.
public struct RedirectLocation: Sendable, Equatable {
    public var publicBaseURL: String

    public init(publicBaseURL: String) {
        self.publicBaseURL = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
    }

    /// `location` at the gateway; `query` (the client's, without `?`) is kept unless the
    /// location has a query of its own.
    public func rewrite(_ location: String, query: String?) -> String {
        var path = Substring(location)
        if let scheme = path.range(of: "://") {
            // Drop `scheme://host[:port]`: the service's host is internal.
            let afterHost = path[scheme.upperBound...]
            path = afterHost.firstIndex(of: "/").map { afterHost[$0...] } ?? "/"
        }
        if !path.hasPrefix("/") { path = "/" + path }
        var result = publicBaseURL + path
        if !path.contains("?"), let query, !query.isEmpty { result += "?" + query }
        return result
    }
}
