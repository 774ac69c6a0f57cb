internal import CLibPQ

/// Which statements one connection has prepared on the server (`PQprepare`), so that a statement
/// run again is only bound and executed, not parsed and planned again.
///
/// A statement is prepared on its second use on the connection, so one-off SQL (DDL, scripts)
/// costs no extra round trip. Bounded: beyond `capacity` the least recently used statement is
/// dropped (the connection deallocates it). It lives and dies with its connection, so a replaced
/// connection starts empty. Not thread-safe: owned by ``PGConnectionHandle`` behind its lock.
struct PGStatementCache {
    struct Key: Hashable {
        let sql: String
        let types: [Oid]
    }

    enum Lookup {
        /// Prepared under this name.
        case prepared(String)
        /// Seen before: prepare it now under this name, then ``insert(_:name:)``.
        case prepare(String)
        /// First sighting: run it unnamed.
        case once
    }

    let capacity: Int
    private var prepared: [Key: (name: String, lastUse: UInt64)] = [:]
    private var seen: Set<Key> = []
    private var clock: UInt64 = 0
    private var nextNumber = 0

    init(capacity: Int = 128) { self.capacity = capacity }

    mutating func lookup(_ key: Key) -> Lookup {
        clock &+= 1
        if let entry = prepared[key] {
            prepared[key] = (entry.name, clock)
            return .prepared(entry.name)
        }
        if seen.contains(key) {
            nextNumber += 1
            return .prepare("inkwell_\(nextNumber)")
        }
        if seen.count >= capacity * 4 { seen.removeAll(keepingCapacity: true) }
        seen.insert(key)
        return .once
    }

    /// Records a statement prepared as `name`; returns the name of the one evicted to make room, if any.
    mutating func insert(_ key: Key, name: String) -> String? {
        seen.remove(key)
        var evicted: String?
        if prepared.count >= capacity, let oldest = prepared.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            prepared[oldest.key] = nil
            evicted = oldest.value.name
        }
        prepared[key] = (name, clock)
        return evicted
    }

    /// Forgets a statement the server no longer has (or whose plan is stale).
    mutating func remove(_ key: Key) {
        prepared[key] = nil
    }

    var count: Int { prepared.count }
}
