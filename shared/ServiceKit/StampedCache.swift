import Metrics
import Synchronization

/// Answers kept for the exact state of what they show.
///
/// Each entry is stored with a *stamp*: a value that changes whenever the answer would (the
/// versions of the rows it shows, read in the same statement as them). A reader first reads the
/// current stamp, which is cheap (a few index entries), and uses the entry only when it was
/// stored with an equal stamp, so a hit is never stale, on any replica, with no invalidation
/// message to miss: a write that committed before the stamp was read has changed it.
///
/// Bounded by the bytes it holds (``maxBytes``, each answer at most ``maxEntryBytes``); a full
/// cache makes room by dropping arbitrary entries. Counts hits and misses as
/// `inkwell_stamped_cache_lookups_total{cache, outcome}`.
public final class StampedCache<Key: Hashable & Sendable, Stamp: Equatable & Sendable, Value: Sendable>: Sendable {
    struct Entry {
        var stamp: Stamp
        var value: Value
        var bytes: Int
    }

    struct Storage {
        var entries: [Key: Entry] = [:]
        var bytes = 0
    }

    /// The most bytes held, all entries together.
    public let maxBytes: Int
    /// The largest answer kept; a larger one is answered but not kept.
    public let maxEntryBytes: Int
    private let size: @Sendable (Value) -> Int
    private let storage = Mutex(Storage())
    private let hits: Counter
    private let misses: Counter

    /// - Parameters:
    ///   - name: the `cache` label of its metrics.
    ///   - maxBytes: the bound of the whole cache (0 keeps nothing).
    ///   - maxEntryBytes: the bound of one answer.
    ///   - size: the bytes of one answer, as counted against the bounds.
    public init(name: String, maxBytes: Int, maxEntryBytes: Int, size: @escaping @Sendable (Value) -> Int) {
        self.maxBytes = max(maxBytes, 0)
        self.maxEntryBytes = min(maxEntryBytes, self.maxBytes)
        self.size = size
        hits = Counter(label: "inkwell_stamped_cache_lookups_total", dimensions: [("cache", name), ("outcome", "hit")])
        misses = Counter(label: "inkwell_stamped_cache_lookups_total", dimensions: [("cache", name), ("outcome", "miss")])
    }

    /// The answer kept for `key`, if it was kept at the stamp `currentStamp` reads now (nil:
    /// nothing may be answered from the cache). The stamp is read only when something is kept for
    /// `key`, so a key never seen costs nothing more than the miss. No lock is held while it is read.
    public func value(for key: Key, currentStamp: () async throws -> Stamp?) async rethrows -> Value? {
        guard let kept = storage.withLock({ $0.entries[key] }) else {
            misses.increment()
            return nil
        }
        guard let stamp = try await currentStamp(), stamp == kept.stamp else {
            misses.increment()
            return nil
        }
        hits.increment()
        return kept.value
    }

    /// Keeps `value` as `key`'s answer at `stamp`, replacing what was kept for `key`.
    public func store(_ value: Value, for key: Key, stamp: Stamp) {
        store(value, for: key, stamp: stamp) { _ in false }
    }

    /// Stores unless `keeps(stamp kept for key)` says the kept answer must stay.
    func store(_ value: Value, for key: Key, stamp: Stamp, keeps: (Stamp) -> Bool) {
        let bytes = size(value)
        storage.withLock { storage in
            if let kept = storage.entries[key], keeps(kept.stamp) { return }
            if let old = storage.entries.removeValue(forKey: key) { storage.bytes -= old.bytes }
            guard bytes <= maxEntryBytes, maxBytes > 0 else { return }
            while storage.bytes + bytes > maxBytes, let victim = storage.entries.first {
                storage.entries.removeValue(forKey: victim.key)
                storage.bytes -= victim.value.bytes
            }
            storage.entries[key] = Entry(stamp: stamp, value: value, bytes: bytes)
            storage.bytes += bytes
        }
    }

    /// The number of answers held (for tests).
    public var count: Int { storage.withLock { $0.entries.count } }

    /// The bytes held (for tests).
    public var bytes: Int { storage.withLock { $0.bytes } }
}

extension StampedCache where Stamp: Comparable {
    /// ``store(_:for:stamp:)`` for stamps that only grow (a version): an answer kept at a newer
    /// stamp stays, so a slower request that read an older one cannot replace it.
    public func storeUnlessOlder(_ value: Value, for key: Key, stamp: Stamp) {
        store(value, for: key, stamp: stamp) { kept in kept > stamp }
    }
}
