import Foundation

/// Why a record cannot be applied at all (not a CloudEvent, or `data` not of its type), with
/// what could be read of it.
public struct PoisonRecord: Sendable, Equatable {
    public var eventId: UUID?
    public var type: String?
    public var reason: String
}
