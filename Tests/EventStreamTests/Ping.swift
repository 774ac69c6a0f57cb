import Foundation
import InkwellContracts

/// A test event type: `aggregate` is its subject (and record key), `version` its version.
struct Ping: InkwellEvent, Equatable {
    static let type = "inkwell.test.ping.v1"
    static let topic = EventTopic.blog
    var aggregate: String
    var version: Int64
    var tag: String
    var key: String { aggregate }
    var subject: String { aggregate }
}
