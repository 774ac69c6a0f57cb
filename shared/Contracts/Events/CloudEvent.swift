import Foundation
import InkwellCore

/// A CloudEvents 1.0 event in structured JSON mode, the record value of every Inkwell event
/// (EVENTS.md). `data` always carries the aggregate's `version`.
public struct CloudEvent<Payload: Codable & Sendable>: Codable, Sendable {
    public var specversion: String = "1.0"
    public var id: String
    /// `inkwell/users`, `inkwell/blog`, `inkwell/comments`.
    public var source: String
    /// `inkwell.<service>.<aggregate>.<event>.v<N>`.
    public var type: String
    /// The id of the thing that changed.
    public var subject: String
    /// RFC 3339 UTC with milliseconds.
    public var time: String
    public var datacontenttype: String = "application/json"
    /// Distributed-tracing extension attribute (also sent as the Kafka header `traceparent`).
    public var traceparent: String?
    public var data: Payload

    public init(id: UUID, source: String, type: String, subject: String, time: Date, traceparent: String? = nil, data: Payload) {
        self.id = id.uuidString.lowercased()
        self.source = source
        self.type = type
        self.subject = subject
        self.time = InkwellJSON.format(time)
        self.traceparent = traceparent
        self.data = data
    }
}

extension CloudEvent where Payload: InkwellEvent {
    /// The event of an Inkwell event type: its type, source (of its topic) and subject.
    public init(_ data: Payload, id: UUID = UUIDv7.generate(), time: Date = Date(), traceparent: String? = nil) {
        self.init(id: id, source: Payload.topic.source, type: Payload.type, subject: data.subject, time: time, traceparent: traceparent, data: data)
    }
}
