import Foundation
import InkwellContracts
import InkwellCore
import InkwellKafka
import InkwellPostgres

/// A received event: its envelope, for routing, and the raw record value, for decoding its data.
public struct ReceivedEvent: Sendable {
    public let envelope: CloudEventEnvelope
    public let value: [UInt8]
    public let message: KafkaMessage

    /// Decodes the whole event with its typed `data`.
    public func decode<Payload: Codable & Sendable>(_ type: Payload.Type = Payload.self) throws -> CloudEvent<Payload> {
        try InkwellJSON.decoder.decode(CloudEvent<Payload>.self, from: Data(value))
    }
}

/// Applies one kind of event to a service's own data, inside the transaction that also records
/// the event in the inbox: the effect and the "processed" mark commit together.
public protocol EventHandler: Sendable {
    /// The event types (`inkwell.blog.post.published.v1`, ...) this handler applies.
    var eventTypes: Set<String> { get }
    func handle(_ event: ReceivedEvent, on connection: PostgresConnection) async throws
}
