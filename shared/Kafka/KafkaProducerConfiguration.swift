/// Configuration of a ``KafkaProducer``.
///
/// The producer is always idempotent (`enable.idempotence=true`, `acks=all`) and uses the
/// Java-compatible `murmur2_random` partitioner, so records with the same key land on the same
/// partition whichever client produced them.
public struct KafkaProducerConfiguration: Sendable {
    /// `bootstrap.servers`: `host:port[,host:port...]`.
    public var brokers: String
    /// `client.id`, shown in broker logs.
    public var clientId: String
    /// `message.timeout.ms`: a record not acknowledged within this time fails its `send`.
    public var messageTimeout: Duration
    /// How long ``KafkaProducer/run()`` waits on shutdown for outstanding records before failing them.
    public var shutdownFlushTimeout: Duration
    /// Further librdkafka properties. They cannot switch off idempotence or `acks=all`.
    public var extra: [String: String]

    public init(
        brokers: String,
        clientId: String,
        messageTimeout: Duration = .seconds(30),
        shutdownFlushTimeout: Duration = .seconds(10),
        extra: [String: String] = [:]
    ) {
        self.brokers = brokers
        self.clientId = clientId
        self.messageTimeout = messageTimeout
        self.shutdownFlushTimeout = shutdownFlushTimeout
        self.extra = extra
    }
}
