/// The site's name and public address, which every page's links are built on.
public struct SiteIdentity: Sendable, Hashable {
    public var name: String
    /// `PUBLIC_BASE_URL` without a trailing `/`, e.g. `https://blog.example` or `https://example.org/blog`.
    public var baseURL: String
    /// The path part of ``baseURL`` (`""` or e.g. `/blog`): in-page links are root-relative to it,
    /// so they work whatever host a reader used; canonical and feed links are absolute.
    public var basePath: String

    public init(name: String = "Inkwell", baseURL: String) {
        self.name = name
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        if let scheme = base.range(of: "://"), let slash = base[scheme.upperBound...].firstIndex(of: "/") {
            basePath = String(base[slash...])
        } else {
            basePath = ""
        }
    }

    /// The root-relative link of a site path such as `/posts/a/`.
    public func link(_ path: String) -> String { basePath + path }

    /// The absolute URL of a site path.
    public func absolute(_ path: String) -> String { baseURL + path }
}
