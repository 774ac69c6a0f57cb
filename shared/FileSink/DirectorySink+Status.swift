extension DirectorySink {
    /// The status of the file at `path` (no bytes read), or `nil` when there is none: a cheap
    /// check of whether a cached copy is still current. Runs on the thread pool.
    public func status(_ path: SinkPath) async throws(FileSinkError) -> SinkFileStatus? {
        let io = DirectoryIO(root: root, path: path, operation: .read)
        return try await run(io) { try io.status() }
    }

    /// The bytes of the file at `path` with its status, or `nil` when there is none.
    public func readWithStatus(_ path: SinkPath) async throws(FileSinkError) -> SinkFile? {
        let io = DirectoryIO(root: root, path: path, operation: .read)
        return try await run(io) { try io.readWithStatus() }
    }
}
