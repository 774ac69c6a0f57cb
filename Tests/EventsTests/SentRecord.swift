import Foundation
import Synchronization

/// What a test remembers of a record it sent, across the produce and the check closures.
final class SentRecord: Sendable {
    private struct Value: Sendable {
        var id: UUID?
        var value: [UInt8] = []
        var partition: Int32 = -1
        var offset: Int64 = -1
    }

    private let state = Mutex(Value())

    func set(id: UUID, value: [UInt8], partition: Int32, offset: Int64) {
        state.withLock { $0 = Value(id: id, value: value, partition: partition, offset: offset) }
    }

    var id: UUID? { state.withLock { $0.id } }
    var value: [UInt8] { state.withLock { $0.value } }
    var partition: Int32 { state.withLock { $0.partition } }
    var offset: Int64 { state.withLock { $0.offset } }
}
