import InkwellFileSink
import InkwellHTTPClient

/// The gateway's one way of serving a file of the pages sink (`PAGES_SINK`): the reading site's
/// pages, feeds, stylesheet and the uploaded media. Built from the sink's location; the
/// routes are ``PagesController``'s.
public struct SiteFileServer: Sendable {
    let files: any SiteFiles

    init(files: any SiteFiles) {
        self.files = files
    }

    /// Serves `location`: a directory through the in-memory cache, a WebDAV server through
    /// `httpClient` (a `GET` per request).
    public init(location: FileSinkLocation, httpClient: HTTPClient) {
        switch location {
        case .directory(let root): self.init(directory: root)
        case .webDAV(let url): self.init(files: WebDAVSiteFiles(baseURL: url, client: httpClient))
        }
    }

    /// Serves the directory `root` through a cache of `cacheBytes`, revalidating a cached file
    /// at most every `revalidateAfter`.
    public init(directory root: String, cacheBytes: Int = 64 << 20, revalidateAfter: Duration = .milliseconds(100)) {
        self.init(files: DirectorySiteFiles(sink: DirectorySink(root: root), capacity: cacheBytes, revalidateAfter: revalidateAfter))
    }
}
