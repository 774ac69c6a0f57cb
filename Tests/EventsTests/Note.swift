import Foundation
import InkwellContracts

/// A test event type (its topic is only a label here: tests publish to topics of their own).
struct Note: InkwellEvent, Equatable {
    static let type = "inkwell.test.note.v1"
    static let topic = EventTopic.users
    var id: UUID
    var n: Int
    var version: Int64
    var key: String { id.uuidString.lowercased() }
    var subject: String { id.uuidString.lowercased() }

    init(id: UUID = UUID(), n: Int, version: Int64) {
        self.id = id
        self.n = n
        self.version = version
    }
}
