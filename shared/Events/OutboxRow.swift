import Foundation

/// An outbox row claimed by the relay.
public struct OutboxRow: Sendable, Equatable {
    public var id: Int64
    public var topic: String
    public var key: String
    public var eventType: String
    public var payload: String
    public var traceparent: String?
    public var createdAt: Date
    /// Failed attempts that counted towards parking (see ``OutboxFailurePolicy``).
    public var attempts: Int

    public init(id: Int64, topic: String, key: String, eventType: String, payload: String, traceparent: String? = nil, createdAt: Date = Date(), attempts: Int = 0) {
        self.id = id
        self.topic = topic
        self.key = key
        self.eventType = eventType
        self.payload = payload
        self.traceparent = traceparent
        self.createdAt = createdAt
        self.attempts = attempts
    }
}
