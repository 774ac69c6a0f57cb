import Foundation
import InkwellContracts
import InkwellCore

/// A consumer's typed handlers, registered by event type; the part both consumers share (the
/// database-backed `EventConsumer` of InkwellEvents, whose `Context` is the inbox transaction's
/// `PostgresConnection`, and the database-less ``EventStreamConsumer``).
///
/// ```swift
/// var handlers = EventHandlers<PostgresConnection>()
/// handlers.on(UserDeleted.self) { event, connection in ... }
/// ```
///
/// ``decode(_:)`` turns a record value into what to run, once per record (not per retry): a type
/// without handler is ``EventDecoding/unhandled(type:)``; a value that is not a CloudEvent, or
/// whose `data` does not match its type, is ``EventDecoding/poison(_:)``.
public struct EventHandlers<Context>: Sendable {
    /// Decodes a record value for one registered handler and binds the handler to it.
    typealias Binding = @Sendable (_ value: Data) throws -> BoundHandler<Context>

    private var bindings: [String: [Binding]] = [:]

    public init() {}

    /// Registers `handler` for `Event.type`. Several handlers of one type run in registration
    /// order, all in the same attempt (in the DB variant: the same transaction).
    public mutating func on<Event: InkwellEvent>(
        _ type: Event.Type,
        _ handler: @escaping @Sendable (CloudEvent<Event>, Context) async throws -> Void
    ) {
        bindings[Event.type, default: []].append { value in
            let event = try InkwellJSON.decoder.decode(CloudEvent<Event>.self, from: value)
            return BoundHandler(
                aggregate: "\(Event.topic.rawValue)/\(event.data.subject)",
                version: event.data.version,
                run: { context in try await handler(event, context) }
            )
        }
    }

    /// The event types with at least one handler.
    public var eventTypes: Set<String> { Set(bindings.keys) }

    /// Routes and decodes one record value.
    public func decode(_ bytes: [UInt8]) -> EventDecoding<Context> {
        let value = Data(bytes)
        let envelope: CloudEventEnvelope
        do {
            envelope = try InkwellJSON.decoder.decode(CloudEventEnvelope.self, from: value)
        } catch {
            return .poison(PoisonRecord(eventId: nil, type: nil, reason: "not a CloudEvent: \(error)"))
        }
        guard let handlers = bindings[envelope.type] else { return .unhandled(type: envelope.type) }
        guard let id = UUID(uuidString: envelope.id) else {
            return .poison(PoisonRecord(eventId: nil, type: envelope.type, reason: "event id \"\(envelope.id)\" is not a UUID"))
        }
        do {
            let bound = try handlers.map { try $0(value) }
            return .event(PreparedEvent(id: id, type: envelope.type, handlers: bound))
        } catch {
            return .poison(PoisonRecord(eventId: id, type: envelope.type, reason: "data does not match \(envelope.type): \(error)"))
        }
    }
}
