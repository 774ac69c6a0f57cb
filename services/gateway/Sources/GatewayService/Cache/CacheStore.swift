import HTTPTypes

/// The response cache's entries, as a value: a dictionary from key to a slot of a slab whose
/// slots form a doubly linked LRU list, a byte count bounded by `maxBytes`, an index from tag
/// to the keys carrying it, and an expiry per entry. Every operation is O(1) except
/// ``invalidate(_:)`` (O(entries affected)). ``ResponseCache`` keeps it behind a mutex.
struct CacheStore {
    struct Entry {
        var key: String
        var response: CacheableResponse
        /// `response.headers` plus `X-Cache: hit`, made once when stored.
        var hitHeaders: HTTPFields
        var size: Int
        var expires: ContinuousClock.Instant
        var newer: Int = -1
        var older: Int = -1
    }

    /// What ``insert(key:response:now:)`` and ``invalidate(_:)`` removed, for the metrics.
    struct Removed: Equatable {
        var evicted = 0
        var invalidated = 0
    }

    let maxBytes: Int
    let ttl: Duration
    private(set) var bytes = 0
    private var slots: [Entry?] = []
    private var free: [Int] = []
    private var index: [String: Int] = [:]
    private var byTag: [CacheTag: Set<String>] = [:]
    /// Most and least recently used slots (-1: none).
    private var newest = -1
    private var oldest = -1

    init(maxBytes: Int, ttl: Duration) {
        self.maxBytes = maxBytes
        self.ttl = ttl
    }

    var count: Int { index.count }

    /// The entry of `key` if it has not expired, made the most recently used; an expired one is
    /// removed (`expired` is then true).
    mutating func lookup(_ key: String, now: ContinuousClock.Instant) -> (entry: Entry?, expired: Bool) {
        guard let slot = index[key] else { return (nil, false) }
        guard slots[slot]!.expires > now else {
            remove(slot: slot)
            return (nil, true)
        }
        moveToNewest(slot)
        return (slots[slot], false)
    }

    /// Stores `response` under `key` (replacing an entry of that key) and evicts the least
    /// recently used entries until the bytes fit. An answer larger than the whole bound is not
    /// stored.
    @discardableResult
    mutating func insert(key: String, response: CacheableResponse, now: ContinuousClock.Instant) -> Removed {
        var removed = Removed()
        if let slot = index[key] { remove(slot: slot) }
        let size = response.size + key.utf8.count
        guard size <= maxBytes else { return removed }
        while bytes + size > maxBytes, oldest >= 0 {
            remove(slot: oldest)
            removed.evicted += 1
        }
        var hitHeaders = response.headers
        hitHeaders[.xCache] = "hit"
        let entry = Entry(key: key, response: response, hitHeaders: hitHeaders, size: size, expires: now.advanced(by: ttl))
        let slot: Int
        if let reused = free.popLast() {
            slot = reused
            slots[slot] = entry
        } else {
            slot = slots.count
            slots.append(entry)
        }
        index[key] = slot
        bytes += size
        for tag in response.tags { byTag[tag, default: []].insert(key) }
        linkAsNewest(slot)
        return removed
    }

    /// Removes every entry carrying one of `tags`; returns how many.
    mutating func invalidate(_ tags: some Sequence<CacheTag>) -> Int {
        var count = 0
        for tag in tags {
            guard let keys = byTag.removeValue(forKey: tag) else { continue }
            for key in keys {
                if let slot = index[key] {
                    remove(slot: slot)
                    count += 1
                }
            }
        }
        return count
    }

    /// Removes everything; returns how many entries there were.
    mutating func removeAll() -> Int {
        let count = index.count
        self = CacheStore(maxBytes: maxBytes, ttl: ttl)
        return count
    }

    private mutating func remove(slot: Int) {
        let entry = slots[slot]!
        unlink(slot)
        slots[slot] = nil
        free.append(slot)
        index[entry.key] = nil
        bytes -= entry.size
        for tag in entry.response.tags {
            // The tag's set may be gone already (invalidate removes it before the entries).
            if var keys = byTag.removeValue(forKey: tag) {
                keys.remove(entry.key)
                if !keys.isEmpty { byTag[tag] = keys }
            }
        }
    }

    private mutating func moveToNewest(_ slot: Int) {
        guard slot != newest else { return }
        unlink(slot)
        linkAsNewest(slot)
    }

    private mutating func linkAsNewest(_ slot: Int) {
        slots[slot]!.older = newest
        slots[slot]!.newer = -1
        if newest >= 0 { slots[newest]!.newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }

    private mutating func unlink(_ slot: Int) {
        let (newer, older) = (slots[slot]!.newer, slots[slot]!.older)
        if newer >= 0 { slots[newer]!.older = older } else { newest = older }
        if older >= 0 { slots[older]!.newer = newer } else { oldest = newer }
        slots[slot]!.newer = -1
        slots[slot]!.older = -1
    }
}

extension HTTPField.Name {
    /// `hit`, `miss` or `bypass`: how the response cache answered.
    static let xCache = Self("X-Cache")!
}
