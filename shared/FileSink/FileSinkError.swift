import InkwellHTTPClient

/// Why a ``FileSink`` operation failed, with the operation and the path it was for.
public struct FileSinkError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A component under the directory sink's root is a symbolic link; nothing was followed.
        case symlinkRefused
        /// Something other than a regular file is at the path (a directory, a socket), or a
        /// file is where a directory is needed.
        case notARegularFile
        /// A system call failed with this `errno`.
        case io(errno: Int32)
        /// The WebDAV server answered with a status this operation does not accept.
        case status(Int)
        /// The request to the WebDAV server failed (refused, timed out, cancelled, ...).
        case transport(HTTPClientError.Kind)
        /// The thread pool for file I/O is shut down, or the task was cancelled before the I/O ran.
        case unavailable
    }

    public enum Operation: String, Sendable {
        case write, delete, read
    }

    public let kind: Kind
    public let operation: Operation
    public let path: SinkPath
    /// What happened, for logs (never file contents or URL credentials).
    public let message: String

    public init(kind: Kind, operation: Operation, path: SinkPath, message: String) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.message = message
    }

    public var description: String { "FileSinkError.\(kind) on \(operation.rawValue) \(path): \(message)" }
}
