import InkwellFileSink

/// What a request path of the reading site asks for: a file of the sink, a post page (which
/// may have moved to a new slug), a redirect to the canonical form of the path, or nothing.
///
/// Every slug, tag slug, username and page number is checked before it becomes a ``SinkPath``
/// (segment rules: unreserved characters only, no dot segments, no `%`, at most 255 bytes), so a
/// hostile path names no file: it is ``notFound``. The decision reads nothing.
///
/// It runs for every page request, so it works on the path's bytes and builds one ``SinkPath``
/// (the old slug's redirect file only when the page is missing: ``redirectFile(slug:)``).
enum SiteRoute: Equatable, Sendable {
    case file(SinkPath)
    /// `posts/{slug}/index.html`; when it is missing, the old slug's redirect file
    /// (``redirectFile(slug:)``) may name the post's new slug.
    case post(page: SinkPath, slug: String)
    /// 301 to this path.
    case redirect(String)
    case notFound

    private static let home = page("index.html")
    private static let feed = page("feed.xml")
    private static let sitemap = page("sitemap.xml")

    /// The route of `path`, a request's raw (percent-encoded) path without its query.
    static func resolve(_ path: String) -> SiteRoute {
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/"), utf8.count <= SinkPath.maxLength else { return .notFound }
        if utf8.count == 1 { return .file(home) }
        let trailingSlash = utf8.last == UInt8(ascii: "/")
        // The path between its leading and trailing slash; both are one byte, so these indices
        // are on scalar boundaries.
        let start = utf8.index(after: utf8.startIndex)
        let end = trailingSlash ? utf8.index(before: utf8.endIndex) : utf8.endIndex
        let body = path[start..<end]
        guard let slash = body.utf8.firstIndex(of: UInt8(ascii: "/")) else {
            // One segment.
            switch body {
            case "feed.xml": return trailingSlash ? .notFound : .file(feed)
            case "sitemap.xml": return trailingSlash ? .notFound : .file(sitemap)
            default: return .notFound
            }
        }
        let first = body[..<slash]
        let rest = body[body.utf8.index(after: slash)...]
        let twoSegments = !rest.utf8.contains(UInt8(ascii: "/"))
        switch first {
        case "posts", "tags", "authors":
            guard twoSegments, let page = try? SinkPath(String(body) + "/index.html") else { return .notFound }
            if !trailingSlash { return .redirect("/" + body + "/") }
            return first == "posts" ? .post(page: page, slug: String(rest)) : .file(page)
        case "page":
            guard twoSegments, let number = pageNumber(rest) else { return .notFound }
            if number == 1 { return .redirect("/") }
            if !trailingSlash { return .redirect("/" + body + "/") }
            return .file(page("page/" + rest + "/index.html"))
        case "assets", "media":
            guard !trailingSlash, let file = try? SinkPath(String(body)) else { return .notFound }
            return .file(file)
        default:
            return .notFound
        }
    }

    /// The file that names the new slug of a post whose old slug was `slug` (valid: it was
    /// checked as a segment of the post's page path).
    static func redirectFile(slug: String) -> SinkPath? {
        try? SinkPath(segments: ["redirects", "posts", slug])
    }

    /// A page number: 1 to 9,999,999 in decimal without leading zeros.
    static func pageNumber(_ text: some StringProtocol) -> Int? {
        let digits = text.utf8
        guard (1...7).contains(digits.count), digits.first != UInt8(ascii: "0") else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// A path made of constant or checked segments.
    private static func page(_ path: String) -> SinkPath {
        // Literals, or checked digits between literals: always valid.
        try! SinkPath(path)
    }
}
