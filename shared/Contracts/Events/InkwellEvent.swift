/// An event type of EVENTS.md: the `data` of a CloudEvent, with what it takes to publish and
/// route it. Producers and consumers (inside Inkwell or not) share these definitions.
public protocol InkwellEvent: Codable, Sendable {
    /// The CloudEvents `type`, e.g. `inkwell.blog.post.published.v1`.
    static var type: String { get }
    /// The topic of the owning service (before `KAFKA_TOPIC_PREFIX`).
    static var topic: EventTopic { get }
    /// The Kafka record key: the aggregate that orders the stream (user id, post id).
    var key: String { get }
    /// The CloudEvents `subject`: the id of the thing that changed.
    var subject: String { get }
    /// The aggregate's version after the change; only grows.
    var version: Int64 { get }
}
