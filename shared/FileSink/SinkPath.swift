/// A validated path of a file inside a sink, relative to its root: `posts/my-slug/index.html`,
/// `media/2026/ab12.png`, `feed.xml`.
///
/// Every value names a file strictly below the root, the same on disk and in a URL:
/// segments are separated by `/`, and each is made of ASCII letters, digits, `-`, `_`, `.` and `~`
/// only (RFC 3986 unreserved characters, so a path never needs percent-encoding), does not start
/// with `.` (no `.`, `..` or hidden files; the sinks' temporary files are hidden), and is at most
/// ``maxSegmentLength`` bytes. Anything else is refused with a ``SinkPathError`` naming the reason;
/// nothing is normalised or decoded.
public struct SinkPath: Hashable, Sendable, CustomStringConvertible {
    /// The longest segment, in bytes (`NAME_MAX` on Linux).
    public static let maxSegmentLength = 255
    /// The longest path, in bytes.
    public static let maxLength = 1024
    /// The most segments a path may have.
    public static let maxDepth = 16

    /// The path as given, e.g. `posts/my-slug/index.html`.
    public let string: String
    /// The segments, e.g. `["posts", "my-slug", "index.html"]`; never empty.
    public let segments: [String]

    /// Validates `string` as a relative sink path.
    public init(_ string: String) throws(SinkPathError) {
        segments = try Self.validate(string)
        self.string = string
    }

    /// Joins validated `segments`; each one is checked as in ``init(_:)`` (a `/` inside one is refused).
    public init(segments: [String]) throws(SinkPathError) {
        let joined = segments.joined(separator: "/")
        if segments.contains(where: { $0.utf8.contains(UInt8(ascii: "/")) }) {
            throw SinkPathError(reason: .slashInSegment, path: joined)
        }
        try self.init(joined)
    }

    /// This path with one more segment, e.g. `posts/slug` + `index.html`.
    public func appending(_ segment: String) throws(SinkPathError) -> SinkPath {
        try SinkPath(segments: segments + [segment])
    }

    /// The last segment (the file name).
    public var name: String { segments[segments.count - 1] }

    /// The segments before the file name (its directories, outermost first).
    public var directories: ArraySlice<String> { segments.dropLast() }

    public var description: String { string }
}
