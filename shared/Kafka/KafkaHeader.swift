/// One record header, e.g. `content-type`, `ce_type` or `traceparent`.
///
/// Kafka header values are bytes; a header sent with a null value arrives with an empty `value`.
public struct KafkaHeader: Sendable, Hashable {
    public var key: String
    public var value: [UInt8]

    public init(key: String, value: [UInt8]) {
        self.key = key
        self.value = value
    }

    /// A header whose value is the UTF-8 encoding of `value`.
    public init(key: String, string value: String) {
        self.init(key: key, value: Array(value.utf8))
    }
}
