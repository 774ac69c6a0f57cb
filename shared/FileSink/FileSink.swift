/// Where the gateway's static pages and the blog's media uploads are stored: a directory
/// (``DirectorySink``) or a WebDAV server (``WebDAVSink``), chosen by ``FileSinkLocation``.
///
/// Paths are ``SinkPath`` values, so nothing outside the sink's root can be named. Every
/// operation fails with a ``FileSinkError``.
public protocol FileSink: Sendable {
    /// Stores `bytes` at `path`, replacing any previous file atomically (a reader sees the old
    /// or the new file, never part of one) and creating missing directories.
    /// `contentType` is sent to servers that store it; a directory ignores it.
    func write(_ bytes: [UInt8], to path: SinkPath, contentType: String) async throws(FileSinkError)

    /// Removes the file at `path`. Removing a file that is not there succeeds.
    func delete(_ path: SinkPath) async throws(FileSinkError)

    /// The bytes of the file at `path`, or `nil` when there is none.
    func read(_ path: SinkPath) async throws(FileSinkError) -> [UInt8]?
}
