import NIOPosix

/// A ``FileSink`` over a local directory (`file:///absolute/dir`).
///
/// - Atomic: a write goes to a hidden temporary file in the target's directory
///   (`.inkwell-<random>.tmp`; no ``SinkPath`` can name it), is `fsync`ed (unless
///   `syncFiles` is false) and then `rename`d over the target, so readers see the old or the
///   new file, never a part. Missing directories are created (mode 0755, files 0644, minus umask).
/// - No symlink escape: below the root, every directory is opened with
///   `openat(O_NOFOLLOW | O_DIRECTORY)` relative to its parent's descriptor, and the file itself
///   with `O_NOFOLLOW`, so a symbolic link anywhere under the root is refused with
///   `.symlinkRefused` and never followed (no check-then-use race). The root itself may be or
///   contain a link: it is configuration, trusted.
/// - `delete` removes only the file; directories left empty stay (removing them would race with
///   a concurrent write into them). A missing root or directory reads as absent.
/// - All blocking I/O runs on an `NIOThreadPool`, never on Swift's cooperative pool.
public struct DirectorySink: FileSink {
    /// The absolute directory the paths are relative to.
    public let root: String
    private let threadPool: NIOThreadPool
    private let syncFiles: Bool

    /// - Parameters:
    ///   - root: an absolute directory; created on the first write when missing.
    ///   - threadPool: where the blocking file I/O runs (must be started).
    ///   - syncFiles: `fsync` each file before renaming it into place, so a crash leaves the old
    ///     or the new file rather than an empty one. Pages can be rebuilt; media cannot.
    public init(root: String, threadPool: NIOThreadPool = .singleton, syncFiles: Bool = true) {
        self.root = root
        self.threadPool = threadPool
        self.syncFiles = syncFiles
    }

    public func write(_ bytes: [UInt8], to path: SinkPath, contentType: String) async throws(FileSinkError) {
        let io = DirectoryIO(root: root, path: path, operation: .write)
        let syncFiles = self.syncFiles
        try await run(io) { try io.write(bytes, sync: syncFiles) }
    }

    public func delete(_ path: SinkPath) async throws(FileSinkError) {
        let io = DirectoryIO(root: root, path: path, operation: .delete)
        try await run(io) { try io.delete() }
    }

    public func read(_ path: SinkPath) async throws(FileSinkError) -> [UInt8]? {
        let io = DirectoryIO(root: root, path: path, operation: .read)
        return try await run(io) { try io.read() }
    }

    /// Runs `body` (which throws only `FileSinkError`) on the thread pool and keeps the error typed.
    func run<T: Sendable>(_ io: DirectoryIO, _ body: @escaping @Sendable () throws -> T) async throws(FileSinkError) -> T {
        do {
            return try await threadPool.runIfActive(body)
        } catch let error as FileSinkError {
            throw error
        } catch {
            // CancellationError (cancelled before it ran) or the pool being shut down.
            throw io.failure(.unavailable, "the file I/O did not run: \(error)")
        }
    }
}
