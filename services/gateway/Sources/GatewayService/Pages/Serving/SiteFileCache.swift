import InkwellFileSink
import Synchronization

/// The directory source's memory: files by path with the status they were read with and when
/// that status was last confirmed, bounded in bytes (least recently used out first).
///
/// A `final class` so that every request shares one cache; all state is behind one `Mutex`,
/// held only for dictionary work, never across an `await`.
final class SiteFileCache: Sendable {
    struct Entry: Sendable {
        let file: SiteFile
        let status: SinkFileStatus
        var checkedAt: ContinuousClock.Instant
        var lastUsed: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var tick: UInt64 = 0
    }

    /// The most bytes of files the cache holds.
    let capacity: Int
    /// Files larger than this are read for each request instead (large media would crowd out
    /// many pages).
    let largestFile: Int
    private let state = Mutex(State())

    init(capacity: Int, largestFile: Int) {
        self.capacity = capacity
        self.largestFile = largestFile
    }

    /// The entry at `path`, marked as used.
    func entry(_ path: String) -> Entry? {
        state.withLock { state in
            // One hash of the path: the entry is marked in place through its index.
            guard let index = state.entries.index(forKey: path) else { return nil }
            state.tick &+= 1
            state.entries.values[index].lastUsed = state.tick
            return state.entries.values[index]
        }
    }

    /// Records that `path` still has the status of its cached file at `now`.
    func confirm(_ path: String, at now: ContinuousClock.Instant) {
        state.withLock { state in
            state.entries[path]?.checkedAt = now
        }
    }

    /// Stores `file` (read with `status` at `now`), evicting the least recently used files when
    /// over capacity; a file over ``largestFile`` is not kept.
    func store(_ path: String, file: SiteFile, status: SinkFileStatus, at now: ContinuousClock.Instant) {
        let size = file.body.readableBytes
        state.withLock { state in
            if let old = state.entries.removeValue(forKey: path) { state.bytes -= old.file.body.readableBytes }
            guard size <= largestFile, size <= capacity else { return }
            while state.bytes + size > capacity, let victim = state.entries.min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
                state.entries.removeValue(forKey: victim.key)
                state.bytes -= victim.value.file.body.readableBytes
            }
            state.tick &+= 1
            state.entries[path] = Entry(file: file, status: status, checkedAt: now, lastUsed: state.tick)
            state.bytes += size
        }
    }

    func remove(_ path: String) {
        state.withLock { state in
            if let old = state.entries.removeValue(forKey: path) { state.bytes -= old.file.body.readableBytes }
        }
    }

    /// The bytes held and the number of files, for tests and metrics.
    var usage: (bytes: Int, files: Int) {
        state.withLock { ($0.bytes, $0.entries.count) }
    }
}
