/// Which link and image targets may reach the HTML: http, https, mailto and relative URLs.
///
/// Judged on the URL as cmark-gfm stores it, after it decoded entities and backslash escapes, so
/// `&#106;avascript:` is seen as `javascript:`. The scheme is everything before the first `:`
/// when no `/`, `?` or `#` comes before that `:`; it must be exactly `http`, `https` or `mailto`
/// (ASCII case-insensitive), or absent. Percent-encoding is not decoded: `%6Aavascript:` has the
/// scheme `%6Aavascript`, refused like any other. Any ASCII control character or space before the
/// first `:` refuses the URL: browsers drop tabs and newlines inside a scheme and strip leading
/// blanks, so `java\tscript:` and ` javascript:` would run as `javascript:`.
enum LinkPolicy {
    private static let allowedSchemes: [[UInt8]] = [Array("http".utf8), Array("https".utf8), Array("mailto".utf8)]

    /// Whether the NUL-terminated URL at `url` is an allowed target (no URL at all: allowed).
    static func allows(url: UnsafePointer<CChar>?) -> Bool {
        guard let url else { return true }
        return UnsafeRawPointer(url).withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            var count = 0
            while start[count] != 0 { count += 1 }
            return allows(url: UnsafeBufferPointer(start: start, count: count))
        }
    }

    /// Whether the URL whose bytes are `url` is an allowed target.
    static func allows(url: some Collection<UInt8>) -> Bool {
        guard let colon = url.firstIndex(of: UInt8(ascii: ":")) else { return true }  // relative
        let beforeColon = url[..<colon]
        if beforeColon.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { return false }
        let startsPath = beforeColon.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
        if startsPath { return true }  // relative: the `:` is in a path, query or fragment
        let scheme = beforeColon.lazy.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }
        return allowedSchemes.contains { $0.elementsEqual(scheme) }
    }
}
