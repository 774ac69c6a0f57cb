import HTTPTypes

/// A GET or HEAD's validators (`If-None-Match`, `If-Modified-Since`) and the decision whether a
/// file is unchanged for the client (RFC 9110 §13.2.2): `If-None-Match` when present (weak
/// comparison; `*` matches any file), `If-Modified-Since` only without it.
struct ConditionalRequest: Sendable, Equatable {
    var ifNoneMatch: String?
    var ifModifiedSince: String?

    init(ifNoneMatch: String? = nil, ifModifiedSince: String? = nil) {
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
    }

    init(headers: HTTPFields) {
        self.init(ifNoneMatch: headers[.ifNoneMatch], ifModifiedSince: headers[.ifModifiedSince])
    }

    /// Whether the client's copy of a file with these validators is current (answer 304).
    func isNotModified(eTag: String?, lastModifiedSeconds: Int?) -> Bool {
        if let ifNoneMatch {
            guard let eTag else { return false }
            return Self.list(ifNoneMatch, matches: eTag)
        }
        if let ifModifiedSince, let lastModifiedSeconds, let since = HTTPDate.parse(ifModifiedSince) {
            return lastModifiedSeconds <= since
        }
        return false
    }

    /// Whether the comma-separated entity-tag list `list` has `tag` by weak comparison
    /// (`W/` ignored on both sides), or is `*`.
    static func list(_ list: String, matches tag: String) -> Bool {
        let wanted = opaque(tag[...])
        for member in list.split(separator: ",") {
            let trimmed = trim(member)
            if trimmed == "*" || opaque(trimmed) == wanted { return true }
        }
        return false
    }

    private static func opaque(_ tag: Substring) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : tag
    }

    private static func trim(_ text: Substring) -> Substring {
        var text = text
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
