import Hummingbird

/// An `If-Match` precondition (RFC 9110 §13.1.1), as API.md's writes honour it: absent, it
/// passes (the header is optional, never 428); `*` passes for any existing resource; otherwise
/// the current version's strong tag must be in the list, or the write is 412. A weak tag never
/// matches (strong comparison), and a header that is not a valid list is 400 rather than being
/// ignored: a client that meant a precondition must not get an unconditional write.
public enum IfMatch: Sendable, Equatable {
    /// `*`.
    case any
    /// A list of entity tags (one or more).
    case tags([EntityTag])

    /// The precondition of `request`; `nil` when it sent no `If-Match`. Several header lines
    /// form one list.
    public static func parse(_ request: Request) throws(HTTPProblem) -> IfMatch? {
        let values = request.headers[values: .ifMatch]
        guard !values.isEmpty else { return nil }
        return try parse(values.joined(separator: ","))
    }

    /// Parses a field value: `*` or `#entity-tag` (`"3"`, `W/"3"`, `"3", "4"`).
    public static func parse(_ value: String) throws(HTTPProblem) -> IfMatch {
        var bytes = Substring(value).utf8[...]
        skipSpace(&bytes)
        if bytes.first == UInt8(ascii: "*") {
            bytes.removeFirst()
            skipSpace(&bytes)
            guard bytes.isEmpty else { throw malformed }
            return .any
        }
        var tags: [EntityTag] = []
        while true {
            skipSpace(&bytes)
            if bytes.isEmpty { break }
            // Empty list elements (`"1", , "2"`) are allowed by the list syntax.
            if bytes.first == UInt8(ascii: ",") { bytes.removeFirst(); continue }
            var weak = false
            if bytes.starts(with: "W/".utf8) {
                weak = true
                bytes.removeFirst(2)
            }
            guard bytes.first == UInt8(ascii: "\"") else { throw malformed }
            bytes.removeFirst()
            guard let close = bytes.firstIndex(of: UInt8(ascii: "\"")) else { throw malformed }
            let tag = bytes[..<close]
            // etagc: %x21 / %x23-7E / obs-text.
            guard tag.allSatisfy({ $0 == 0x21 || ($0 >= 0x23 && $0 != 0x7F) }) else { throw malformed }
            tags.append(EntityTag(String(decoding: tag, as: UTF8.self), weak: weak))
            bytes = bytes[bytes.index(after: close)...]
            skipSpace(&bytes)
            guard bytes.isEmpty || bytes.first == UInt8(ascii: ",") else { throw malformed }
        }
        guard !tags.isEmpty else { throw malformed }
        return .tags(tags)
    }

    /// Whether a resource whose current tag is `current` meets the precondition.
    public func matches(_ current: EntityTag) -> Bool {
        switch self {
        case .any: true
        case .tags(let tags): tags.contains { $0.strongMatches(current) }
        }
    }

    /// 412 problem+json unless the request's `If-Match` (if any) allows writing the resource
    /// at `version`. Call it after loading the resource and before changing it; the write itself
    /// must still be conditional on the version (`... WHERE version = $loaded`) to close the race.
    public static func check(_ request: Request, currentVersion version: Int) throws(HTTPProblem) {
        guard let precondition = try parse(request) else { return }
        guard precondition.matches(EntityTag(version: version)) else {
            throw HTTPProblem(
                .preconditionFailed, slug: "precondition-failed",
                detail: "The resource has changed: its current version is \(version). Fetch it again and retry.",
                headers: HTTPFields.eTag(version: version)
            )
        }
    }

    private static func skipSpace(_ bytes: inout Substring.UTF8View.SubSequence) {
        while let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { bytes.removeFirst() }
    }

    static let malformed = HTTPProblem(.badRequest, slug: "invalid-if-match", detail: #"If-Match must be * or a list of entity tags such as "3"."#)
}
