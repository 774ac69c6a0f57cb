import Dispatch

/// The records of a ``KafkaConsumer``, in order per partition. Ends when the consumer shuts
/// down; throws if librdkafka raised a fatal error. Iterate it from one task only.
///
/// Backpressure: the consumer's poll thread fetches a record only while fewer than a few
/// records are waiting here, so a slow handler does not pile records up in memory; meanwhile
/// it pauses the partitions and keeps polling, so a slow handler does not cost the membership.
public struct KafkaConsumerMessages: AsyncSequence, Sendable {
    public typealias Element = KafkaMessage

    let stream: AsyncThrowingStream<KafkaMessage, any Error>
    /// One permit per record the poll thread may hand out before the iterator takes one.
    let permits: DispatchSemaphore

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<KafkaMessage, any Error>.AsyncIterator
        let permits: DispatchSemaphore

        public mutating func next() async throws -> KafkaMessage? {
            let message = try await base.next()
            if message != nil { permits.signal() }
            return message
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator(), permits: permits)
    }
}
