import Foundation

/// A parked outbox row, as `<service> outbox parked` lists it.
public struct OutboxParkedRow: Sendable, Equatable {
    public var id: Int64
    public var eventType: String
    public var key: String
    public var attempts: Int
    public var error: String?
    public var parkedAt: Date?
}
