import Foundation
import InkwellContracts

/// A second test event type, to show dispatch by type.
struct Memo: InkwellEvent, Equatable {
    static let type = "inkwell.test.memo.v1"
    static let topic = EventTopic.users
    var id: UUID
    var n: Int
    var version: Int64
    var key: String { id.uuidString.lowercased() }
    var subject: String { id.uuidString.lowercased() }
}
