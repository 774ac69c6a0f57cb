import InkwellHTTPClient
import Logging
import NIOPosix

/// Where a sink is, parsed from a configuration value such as `PAGES_SINK` or `MEDIA_SINK`:
/// `file:///absolute/dir` or `http(s)://host:port/prefix/`.
public enum FileSinkLocation: Hashable, Sendable, CustomStringConvertible {
    /// A local directory: an absolute path without a trailing `/`.
    case directory(String)
    /// A WebDAV collection: an `http://` or `https://` URL ending with `/`.
    case webDAV(String)

    /// Parses `value`; the error's description is one line fit for a configuration error.
    ///
    /// File URLs must be absolute (`file:///dir` or `file://localhost/dir`; percent-encoding is
    /// decoded, `..` segments are refused). HTTP URLs need a host, may not have a query or a
    /// fragment, and get a trailing `/` if they lack one. Other schemes are refused.
    public init(parsing value: String) throws(FileSinkLocationError) {
        self = try Self.parse(value)
    }

    /// The sink for this location. `httpClient` is used only by a WebDAV location; `threadPool`
    /// only by a directory.
    public func makeSink(
        httpClient: HTTPClient,
        threadPool: NIOThreadPool = .singleton,
        timeout: Duration = .seconds(10),
        logger: Logger
    ) -> any FileSink {
        switch self {
        case .directory(let root): DirectorySink(root: root, threadPool: threadPool)
        case .webDAV(let url): WebDAVSink(baseURL: url, client: httpClient, timeout: timeout, logger: logger)
        }
    }

    /// The location for logs: a URL's credentials are replaced with `***`.
    public var description: String {
        switch self {
        case .directory(let root): "file://" + root
        case .webDAV(let url): Self.redacted(url)
        }
    }
}

extension FileSinkLocation {
    /// The directory of a `file://` location; nil for WebDAV.
    public var directoryRoot: String? {
        if case .directory(let root) = self { return root }
        return nil
    }
}
