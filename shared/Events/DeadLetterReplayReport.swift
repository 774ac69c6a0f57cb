import Foundation

/// What a ``DeadLetterReplayer`` run did.
public struct DeadLetterReplayReport: Sendable, Equatable, CustomStringConvertible {
    /// A letter that failed again (it stays parked).
    public struct Failure: Sendable, Equatable {
        public var deadLetterId: Int64
        public var eventId: UUID?
        public var error: String
    }

    /// Applied now.
    public var replayed = 0
    /// Found in the inbox (applied meanwhile): marked replayed, nothing ran.
    public var alreadyApplied = 0
    /// Of a type without handler now: marked replayed, nothing ran.
    public var skipped = 0
    public var failed: [Failure] = []

    public init() {}

    public var description: String {
        var text = "replayed \(replayed), already applied \(alreadyApplied), skipped \(skipped), failed \(failed.count)"
        for failure in failed {
            text += "\n  dead letter \(failure.deadLetterId) (event \(failure.eventId?.uuidString.lowercased() ?? "-")): \(failure.error)"
        }
        return text
    }
}
