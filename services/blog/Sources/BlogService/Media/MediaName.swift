import Crypto
import InkwellCore
import InkwellFileSink

/// The content-addressed name of an upload, `<sha256 of the bytes, hex>.<ext>`: the same bytes
/// always get the same name, so storing them again rewrites an identical file and changes nothing.
public struct MediaName: Hashable, Sendable {
    /// The directory of uploads in the sink, and the URL path they are served under.
    public static let directory = "media"

    /// The file name, e.g. `3a7bd3….png`.
    public let fileName: String

    public init(bytes: [UInt8], kind: MediaKind) {
        fileName = Hex.encode(Array(SHA256.hash(data: bytes))) + "." + kind.fileExtension
    }

    /// Where the file goes in the sink: `media/<name>`.
    public var sinkPath: SinkPath {
        // 64 hex digits, a dot and a lower-case extension: always a valid path.
        try! SinkPath(segments: [Self.directory, fileName])
    }

    /// The URL path readers fetch it at, relative to the one public URL: `/media/<name>`.
    public var urlPath: String { "/" + Self.directory + "/" + fileName }
}
