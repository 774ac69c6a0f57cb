import HTTPTypes

/// What a file of the reading site is, by its path: its `Content-Type` and how long clients and
/// CDNs may keep it (`Cache-Control`).
struct SiteFileKind: Sendable, Equatable {
    let contentType: String
    let cacheControl: String
    /// The two as header fields, checked once here rather than per response.
    let contentTypeField: HTTPField
    let cacheControlField: HTTPField

    init(contentType: String, cacheControl: String) {
        self.contentType = contentType
        self.cacheControl = cacheControl
        self.contentTypeField = HTTPField(name: .contentType, value: contentType)
        self.cacheControlField = HTTPField(name: .cacheControl, value: cacheControl)
    }

    /// Pages and feeds change whenever an event re-renders them: kept briefly, then revalidated
    /// with their ETag (a 304 costs a client almost nothing).
    static let shortCache = "public, max-age=5, must-revalidate"
    /// Media names are content-addressed: a file under a name never changes.
    static let immutable = "public, max-age=31536000, immutable"
    /// The stylesheet keeps its name across template changes: an hour.
    static let assetCache = "public, max-age=3600"

    static let html = SiteFileKind(contentType: "text/html; charset=utf-8", cacheControl: shortCache)
    static let atom = SiteFileKind(contentType: "application/atom+xml", cacheControl: shortCache)
    static let xml = SiteFileKind(contentType: "application/xml", cacheControl: shortCache)
    /// A redirect file (its content is a slug); never served itself.
    static let redirect = SiteFileKind(contentType: "text/plain; charset=utf-8", cacheControl: shortCache)

    /// The kind of `path` (a validated sink path).
    static func of(_ path: String) -> SiteFileKind {
        if path == "feed.xml" { return atom }
        let isMedia = path.utf8.starts(with: "media/".utf8)
        let cache = isMedia ? immutable : assetCache
        switch fileExtension(of: path) {
        case "html": return html
        case "xml": return xml
        case "css": return SiteFileKind(contentType: "text/css; charset=utf-8", cacheControl: cache)
        case "js": return SiteFileKind(contentType: "text/javascript; charset=utf-8", cacheControl: cache)
        case "png": return SiteFileKind(contentType: "image/png", cacheControl: cache)
        case "jpg", "jpeg": return SiteFileKind(contentType: "image/jpeg", cacheControl: cache)
        case "gif": return SiteFileKind(contentType: "image/gif", cacheControl: cache)
        case "webp": return SiteFileKind(contentType: "image/webp", cacheControl: cache)
        case "ico": return SiteFileKind(contentType: "image/x-icon", cacheControl: cache)
        case "txt": return SiteFileKind(contentType: "text/plain; charset=utf-8", cacheControl: cache)
        // Anything else (an SVG included: it could carry script) as bytes; `nosniff` is on every response.
        default: return SiteFileKind(contentType: "application/octet-stream", cacheControl: cache)
        }
    }

    /// The lowercased extension of the last segment, or "" when it has none.
    static func fileExtension(of path: String) -> String {
        let name = path.utf8.split(separator: UInt8(ascii: "/")).last ?? path.utf8[...]
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")) else { return "" }
        return String(decoding: name[name.index(after: dot)...], as: UTF8.self).lowercased()
    }
}
