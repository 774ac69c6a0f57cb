/// A file read from a directory sink together with the status it had when it was read.
public struct SinkFile: Sendable {
    public var bytes: [UInt8]
    public var status: SinkFileStatus

    public init(bytes: [UInt8], status: SinkFileStatus) {
        self.bytes = bytes
        self.status = status
    }
}
