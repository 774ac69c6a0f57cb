/// The last applied version per aggregate, for at most `capacity` aggregates: the memory of the
/// database-less consumer, which drops an event whose version is not newer than the one it
/// applied (a stale or repeated event, EVENTS.md).
///
/// When full, the aggregate recorded first is forgotten (FIFO): a forgotten aggregate's next
/// event is applied whatever its version, which idempotent handlers make harmless. The memory
/// also starts empty after a restart, with the same consequence.
public struct AppliedVersions: Sendable {
    public let capacity: Int
    private var versions: [String: Int64] = [:]
    /// The remembered aggregates in the order they were first recorded, as a ring.
    private var order: [String] = []
    private var next = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        versions.reserveCapacity(min(self.capacity, 1024))
    }

    public var count: Int { versions.count }

    /// The version applied last for `aggregate`, if remembered.
    public func version(of aggregate: String) -> Int64? { versions[aggregate] }

    /// Whether an event with `version` for `aggregate` is to be applied.
    public func isNewer(_ version: Int64, for aggregate: String) -> Bool {
        guard let known = versions[aggregate] else { return true }
        return version > known
    }

    /// Remembers that `version` of `aggregate` was applied (never lowers a remembered version).
    public mutating func record(_ version: Int64, for aggregate: String) {
        if let known = versions[aggregate] {
            versions[aggregate] = max(known, version)
            return
        }
        if order.count < capacity {
            order.append(aggregate)
        } else {
            versions[order[next]] = nil
            order[next] = aggregate
            next = (next + 1) % capacity
        }
        versions[aggregate] = version
    }
}
