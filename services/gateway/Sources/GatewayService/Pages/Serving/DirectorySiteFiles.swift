import InkwellFileSink

/// The reading site's files from a directory sink, through a ``SiteFileCache``.
///
/// A cached file is served as it is for ``revalidateAfter`` after its status was last
/// confirmed; after that, the next request for it `fstatat`s the file (no bytes read) and serves
/// the cached copy again when size, modification time and inode are unchanged, or reads the new
/// version. Renderers replace files by renaming a new one over the old one, so a new version is
/// always a new inode: a re-rendered page shows within ``revalidateAfter`` plus one stat, without
/// inotify (which would need a watch per directory and breaks when directories are replaced).
/// Every system call runs on the sink's thread pool (``DirectorySink``), never on Swift's
/// cooperative pool, and no symbolic link under the root is followed.
struct DirectorySiteFiles: SiteFiles {
    let sink: DirectorySink
    let cache: SiteFileCache
    let revalidateAfter: Duration

    init(sink: DirectorySink, capacity: Int = 64 << 20, largestFile: Int = 1 << 20, revalidateAfter: Duration = .milliseconds(100)) {
        self.sink = sink
        self.cache = SiteFileCache(capacity: capacity, largestFile: largestFile)
        self.revalidateAfter = revalidateAfter
    }

    func file(_ path: SinkPath, conditional: ConditionalRequest) async throws(FileSinkError) -> SiteFileAnswer {
        let key = path.string
        let now = ContinuousClock.now
        if let entry = cache.entry(key) {
            if now < entry.checkedAt + revalidateAfter { return .found(entry.file) }
            guard let status = try await sink.status(path) else {
                cache.remove(key)
                return .missing
            }
            if status == entry.status {
                cache.confirm(key, at: now)
                return .found(entry.file)
            }
        }
        guard let read = try await sink.readWithStatus(path) else {
            cache.remove(key)
            return .missing
        }
        let file = SiteFile(bytes: read.bytes, modifiedSeconds: read.status.modifiedSeconds)
        cache.store(key, file: file, status: read.status, at: now)
        return .found(file)
    }
}
