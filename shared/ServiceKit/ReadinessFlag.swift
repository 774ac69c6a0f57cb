import Synchronization

/// A readiness condition that a start-up step sets once (for example "migrations applied").
public final class ReadinessFlag: Sendable {
    private let value = Atomic<Bool>(false)
    public init() {}
    public func set() { value.store(true, ordering: .releasing) }
    public var isSet: Bool { value.load(ordering: .acquiring) }
}
