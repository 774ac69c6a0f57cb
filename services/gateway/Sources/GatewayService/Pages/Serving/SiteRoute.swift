import InkwellFileSink

/// What a request path of the reading site asks for: a file of the sink, a post page (which
/// may have moved to a new slug), a redirect to the canonical form of the path, or nothing.
///
/// Every slug, tag slug, username and page number is checked before it becomes a ``SinkPath``
/// (segment rules: unreserved characters only, no dot segments, no `%`, at most 255 bytes), so a
/// hostile path names no file: it is ``notFound``. The decision reads nothing.
enum SiteRoute: Equatable, Sendable {
    case file(SinkPath)
    /// `posts/{slug}/index.html`, or else the old slug's `redirects/posts/{slug}` file.
    case post(page: SinkPath, redirect: SinkPath)
    /// 301 to this path.
    case redirect(String)
    case notFound

    /// The route of `path`, a request's raw (percent-encoded) path without its query.
    static func resolve(_ path: String) -> SiteRoute {
        if path == "/" { return .file(page(["index.html"])) }
        guard path.utf8.first == UInt8(ascii: "/"), path.utf8.count <= SinkPath.maxLength else { return .notFound }
        let trailingSlash = path.utf8.last == UInt8(ascii: "/")
        let body = path.utf8.dropFirst().dropLast(trailingSlash ? 1 : 0)
        let segments = body.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard let first = segments.first else { return .notFound }
        switch (first, segments.count) {
        case ("posts", 2), ("tags", 2), ("authors", 2):
            let name = segments[1]
            guard let page = try? SinkPath(segments: [first, name, "index.html"]) else { return .notFound }
            if !trailingSlash { return .redirect("/" + first + "/" + name + "/") }
            if first == "posts", let redirect = try? SinkPath(segments: ["redirects", "posts", name]) {
                return .post(page: page, redirect: redirect)
            }
            return .file(page)
        case ("page", 2):
            guard let number = pageNumber(segments[1]) else { return .notFound }
            if number == 1 { return .redirect("/") }
            if !trailingSlash { return .redirect("/page/" + segments[1] + "/") }
            return .file(page(["page", segments[1], "index.html"]))
        case ("feed.xml", 1), ("sitemap.xml", 1):
            return trailingSlash ? .notFound : .file(page([first]))
        case ("assets", 2...), ("media", 2...):
            guard !trailingSlash, let file = try? SinkPath(segments: segments) else { return .notFound }
            return .file(file)
        default:
            return .notFound
        }
    }

    /// A page number: 1 to 9,999,999 in decimal without leading zeros.
    static func pageNumber(_ text: String) -> Int? {
        let digits = text.utf8
        guard (1...7).contains(digits.count), digits.first != UInt8(ascii: "0") else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// A path made of constant, valid segments.
    private static func page(_ segments: [String]) -> SinkPath {
        // The segments are literals or checked digits: always valid.
        try! SinkPath(segments: segments)
    }
}
