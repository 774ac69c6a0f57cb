/// Where the broker wrote an acknowledged record. With the idempotent producer the offset can
/// be `-1001` (invalid) for a record that needed a retry.
public struct KafkaDelivery: Sendable, Hashable {
    public var partition: Int32
    public var offset: Int64

    public init(partition: Int32, offset: Int64) {
        self.partition = partition
        self.offset = offset
    }
}
