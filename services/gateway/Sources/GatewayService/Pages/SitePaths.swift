import InkwellFileSink

/// Where each ``PageKey`` lives: its file in the sink (a ``SinkPath``, so a hostile slug,
/// username or tag slug can never name a file outside the sink's root) and its URL path below
/// `PUBLIC_BASE_URL`. Keys whose names are not valid path segments have no file (nil).
public enum SitePaths {
    /// The file of `key`, or nil when its slug or username is not a valid path segment.
    public static func file(_ key: PageKey) -> SinkPath? {
        switch key {
        case .index(let n):
            return n <= 1 ? try? SinkPath("index.html") : try? SinkPath(segments: ["page", String(n), "index.html"])
        case .post(let slug): return try? SinkPath(segments: ["posts", slug, "index.html"])
        case .tag(let slug): return try? SinkPath(segments: ["tags", slug, "index.html"])
        case .author(let username): return try? SinkPath(segments: ["authors", username, "index.html"])
        case .redirect(let slug): return try? SinkPath(segments: ["redirects", "posts", slug])
        case .feed: return try? SinkPath("feed.xml")
        case .sitemap: return try? SinkPath("sitemap.xml")
        case .notFound: return try? SinkPath("404.html")
        case .stylesheet: return try? SinkPath("assets/style.css")
        }
    }

    /// Whether `segment` may become one path segment of a page (a slug, tag slug or username).
    public static func isValidSegment(_ segment: String) -> Bool {
        !segment.isEmpty && (try? SinkPath(segments: ["posts", segment])) != nil
    }

    /// The URL path of `key` (with a trailing `/` for directory pages), e.g. `/posts/hello/`;
    /// meaningful only for keys with a valid ``file(_:)``.
    public static func url(_ key: PageKey) -> String {
        switch key {
        case .index(let n): n <= 1 ? "/" : "/page/\(n)/"
        case .post(let slug): "/posts/\(slug)/"
        case .tag(let slug): "/tags/\(slug)/"
        case .author(let username): "/authors/\(username)/"
        case .redirect(let slug): "/posts/\(slug)/"
        case .feed: "/feed.xml"
        case .sitemap: "/sitemap.xml"
        case .notFound: "/404.html"
        case .stylesheet: "/assets/style.css"
        }
    }

    /// The content type a file of `key` is written with.
    public static func contentType(_ key: PageKey) -> String {
        switch key {
        case .feed: "application/atom+xml; charset=utf-8"
        case .sitemap: "application/xml; charset=utf-8"
        case .stylesheet: "text/css; charset=utf-8"
        case .redirect: "text/plain; charset=utf-8"
        default: "text/html; charset=utf-8"
        }
    }
}
