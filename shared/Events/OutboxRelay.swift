import InkwellCore
import Foundation
import InkwellContracts
import InkwellKafka
import InkwellPostgres
import Logging
import Metrics
import ServiceLifecycle

/// Publishes the outbox to Kafka: claims unsent rows in id order (`FOR UPDATE SKIP LOCKED`),
/// sends each, and marks a row sent only after the broker acknowledged it.
///
/// Ordering: one relay publishes at a time per schema (a transaction-scoped advisory lock), rows
/// go out in id order, and a failed send stops the batch and backs off: a later event of the same
/// key can never overtake an earlier one, even with several replicas.
public final class OutboxRelay: Service, Sendable {
    public struct Configuration: Sendable {
        public var batchSize: Int = 100
        /// How often to look for rows written by other replicas (this replica's own writes wake it at once).
        public var pollInterval: Duration = .milliseconds(250)
        public var minBackoff: Duration = .milliseconds(100)
        public var maxBackoff: Duration = .seconds(10)
        /// Sent rows are kept this long (for diagnosis), then deleted.
        public var retention: Duration = .seconds(24 * 3600)
        public init() {}
    }

    let postgres: PostgresClient
    let producer: KafkaProducer
    let signal: WakeSignal
    let configuration: Configuration
    let logger: Logger
    /// Advisory lock key: one publisher per schema.
    let lockKey: Int64

    let published: Counter
    let failures: Counter
    let backlog: Metrics.Gauge
    let oldestAge: Metrics.Gauge
    let publishLag: Metrics.Timer

    public init(postgres: PostgresClient, producer: KafkaProducer, signal: WakeSignal, schema: String, configuration: Configuration = .init(), logger: Logger) {
        self.postgres = postgres
        self.producer = producer
        self.signal = signal
        self.configuration = configuration
        self.logger = logger
        // A stable 63-bit key from the schema name (FNV-1a): identical in every replica.
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in "inkwell.outbox.\(schema)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        lockKey = Int64(bitPattern: hash & 0x7FFF_FFFF_FFFF_FFFF)
        published = Counter(label: "inkwell_outbox_published_total")
        failures = Counter(label: "inkwell_outbox_publish_failures_total")
        backlog = Metrics.Gauge(label: "inkwell_outbox_backlog")
        oldestAge = Metrics.Gauge(label: "inkwell_outbox_lag_seconds")
        publishLag = Metrics.Timer(label: "inkwell_outbox_publish_lag_seconds", preferredDisplayUnit: .seconds)
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.loop() }
        logger.info("outbox relay stopped")
    }

    func loop() async {
        var backoff = configuration.minBackoff
        var lastCleanup = ContinuousClock.now
        while !Task.isCancelled {
                let outcome = await self.cycle()
                switch outcome {
                case .drained:
                    backoff = self.configuration.minBackoff
                    await self.signal.wait(timeout: self.configuration.pollInterval)
                case .more:
                    backoff = self.configuration.minBackoff
                case .failed:
                    // A plain sleep: new writes must not cut the backoff short while the broker is down.
                    try? await Task.sleep(for: backoff)
                    backoff = min(backoff * 2, self.configuration.maxBackoff)
                case .busy:
                    await self.signal.wait(timeout: self.configuration.pollInterval)
                }
                if ContinuousClock.now - lastCleanup > .seconds(60) {
                    lastCleanup = .now
                    await self.cleanup()
                }
        }
    }

    enum Outcome { case drained, more, failed, busy }

    struct Row: Sendable {
        var id: Int64
        var topic: String
        var key: String
        var eventType: String
        var payload: String
        var traceparent: String?
        var createdAt: Date
    }

    /// One claim-publish-mark round in one transaction.
    func cycle() async -> Outcome {
        do {
            return try await postgres.withTransaction { connection in
                let locked = try await connection.query("SELECT pg_try_advisory_xact_lock(\(self.lockKey)) AS locked")
                guard try locked.first?.decode(column: "locked", as: Bool.self) == true else { return .busy }
                let rows = try await connection.query("""
                    SELECT id, topic, record_key, event_type, payload, traceparent, created_at
                    FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT \(self.configuration.batchSize)
                    FOR UPDATE SKIP LOCKED
                    """).map { row in
                    Row(id: try row.decode(column: "id"), topic: try row.decode(column: "topic"), key: try row.decode(column: "record_key"),
                        eventType: try row.decode(column: "event_type"), payload: try row.decode(column: "payload"),
                        traceparent: try row.decode(column: "traceparent"), createdAt: try row.decode(column: "created_at"))
                }
                if rows.isEmpty {
                    self.backlog.record(0)
                    self.oldestAge.record(0)
                    return .drained
                }
                self.oldestAge.record(max(0, Date().timeIntervalSince(rows[0].createdAt)))
                var sent: [Int64] = []
                var failure: (id: Int64, error: String)?
                for row in rows {
                    do {
                        try await self.publish(row)
                        sent.append(row.id)
                    } catch {
                        failure = (row.id, String(describing: error))
                        break
                    }
                }
                if !sent.isEmpty {
                    try await connection.execute("UPDATE outbox SET sent_at = clock_timestamp(), attempts = attempts + 1 WHERE id = ANY(\(sent))")
                }
                if let failure {
                    self.failures.increment()
                    self.logger.warning("outbox publish failed; backing off", metadata: ["outbox_id": "\(failure.id)", "error": "\(failure.error)"])
                    try await connection.execute("UPDATE outbox SET attempts = attempts + 1, last_error = \(failure.error) WHERE id = \(failure.id)")
                }
                let remaining = try await connection.query("SELECT count(*)::int8 AS n FROM outbox WHERE sent_at IS NULL")
                self.backlog.record(Double(try remaining.first?.decode(column: "n", as: Int64.self) ?? 0))
                if failure != nil { return .failed }
                return rows.count == self.configuration.batchSize ? .more : .drained
            }
        } catch {
            logger.warning("outbox relay cycle failed", metadata: ["error": "\(error)"])
            return .failed
        }
    }

    func publish(_ row: Row) async throws {
        var headers = [
            KafkaHeader(key: "content-type", value: Array("application/cloudevents+json".utf8)),
            KafkaHeader(key: "ce_type", value: Array(row.eventType.utf8)),
        ]
        if let traceparent = row.traceparent { headers.append(KafkaHeader(key: "traceparent", value: Array(traceparent.utf8))) }
        _ = try await producer.send(topic: row.topic, key: Array(row.key.utf8), value: Array(row.payload.utf8), headers: headers)
        published.increment()
        publishLag.recordNanoseconds(Int64(max(0, Date().timeIntervalSince(row.createdAt)) * 1e9))
    }

    func cleanup() async {
        let cutoff = Date().addingTimeInterval(-Double(configuration.retention.components.seconds))
        do {
            try await postgres.execute("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < \(cutoff)")
        } catch {
            logger.debug("outbox cleanup failed", metadata: ["error": "\(error)"])
        }
    }
}
