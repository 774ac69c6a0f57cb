/// The envelope without its data, for routing an event to a handler before decoding it.
public struct CloudEventEnvelope: Decodable, Sendable {
    public var specversion: String
    public var id: String
    public var source: String
    public var type: String
    public var subject: String?
    public var time: String?
    public var traceparent: String?
}
