import Foundation
import InkwellKafka

/// A record a consumer gave up on (its handler failed every try, or it is poison), with all it
/// takes to look into it and to apply it again later: the raw record and the last error.
public struct DeadLetter: Sendable, Equatable {
    /// `nil` when the record is not a CloudEvent with a UUID id.
    public var eventId: UUID?
    public var eventType: String?
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    /// The record value as received.
    public var value: [UInt8]
    public var error: String
    /// Failed tries (0 for a poison record, which is never tried).
    public var attempts: Int
    public var firstFailedAt: Date
    public var lastFailedAt: Date

    public init(
        eventId: UUID?, eventType: String?, message: KafkaMessage, error: String, attempts: Int,
        firstFailedAt: Date, lastFailedAt: Date
    ) {
        self.eventId = eventId
        self.eventType = eventType
        topic = message.topic
        partition = message.partition
        offset = message.offset
        key = message.key
        value = message.value
        self.error = error
        self.attempts = attempts
        self.firstFailedAt = firstFailedAt
        self.lastFailedAt = lastFailedAt
    }
}
