import Hummingbird

/// A published post's JSON as answered, with the version its `ETag` names.
public struct RenderedPost: Sendable, Equatable {
    public var version: Int64
    public var body: ByteBuffer

    public init(version: Int64, body: ByteBuffer) {
        self.version = version
        self.body = body
    }
}
