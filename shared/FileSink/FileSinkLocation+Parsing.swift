import Foundation

extension FileSinkLocation {
    static func parse(_ value: String) throws(FileSinkLocationError) -> FileSinkLocation {
        func fail(_ reason: String) -> FileSinkLocationError {
            FileSinkLocationError(value: SinkPathError.printable(redacted(value)), reason: reason)
        }
        guard !value.isEmpty else { throw fail("the value is empty") }
        if value.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) {
            throw fail("it contains a space or a control character")
        }
        guard let colon = value.firstIndex(of: ":") else {
            if value.hasPrefix("/") { throw fail("a bare path is not a URL; write file://\(value)") }
            throw fail("it is not a URL")
        }
        let scheme = value[..<colon].lowercased()
        let rest = value[value.index(after: colon)...]
        switch scheme {
        case "file":
            return .directory(try directory(rest, fail))
        case "http", "https":
            return .webDAV(try webDAV(scheme: scheme, rest, fail))
        default:
            throw fail("unsupported scheme \"\(SinkPathError.printable(String(scheme.prefix(20))))\"")
        }
    }

    private static func directory(_ rest: Substring, _ fail: (String) -> FileSinkLocationError) throws(FileSinkLocationError) -> String {
        guard rest.hasPrefix("//") else { throw fail("a file URL must be absolute: file:///absolute/dir") }
        var encoded = rest.dropFirst(2)
        if encoded.hasPrefix("localhost/") { encoded = encoded.dropFirst("localhost".count) }
        guard encoded.hasPrefix("/") else {
            throw fail("a file URL must be absolute and local: file:///absolute/dir (a host or a relative path is not)")
        }
        if encoded.contains("?") || encoded.contains("#") { throw fail("a file URL may not have a query or a fragment") }
        guard let decoded = String(encoded).removingPercentEncoding, !decoded.utf8.contains(0) else {
            throw fail("the path has invalid percent-encoding")
        }
        let components = decoded.split(separator: "/")
        if components.contains(where: { $0 == "." || $0 == ".." }) { throw fail("the path may not contain . or .. segments") }
        guard !components.isEmpty else { throw fail("the root directory / cannot be a sink") }
        return "/" + components.joined(separator: "/")
    }

    private static func webDAV(scheme: String, _ rest: Substring, _ fail: (String) -> FileSinkLocationError) throws(FileSinkLocationError) -> String {
        guard rest.hasPrefix("//") else { throw fail("an \(scheme) URL needs a host: \(scheme)://host:port/prefix/") }
        let afterSlashes = rest.dropFirst(2)
        let authority = afterSlashes.prefix { $0 != "/" }
        let host = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        guard !host.isEmpty, !host.hasPrefix(":") else { throw fail("an \(scheme) URL needs a host: \(scheme)://host:port/prefix/") }
        if afterSlashes.contains("?") || afterSlashes.contains("#") { throw fail("the URL may not have a query or a fragment") }
        var url = scheme + ":" + rest
        if !url.hasSuffix("/") { url += "/" }
        return url
    }

    /// `url` with the user information of an `http(s)://user:password@host/` URL replaced with `***`.
    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let authority = afterScheme.prefix { $0 != "/" }
        guard let at = authority.lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound]) + "***" + String(url[at...])
    }
}
