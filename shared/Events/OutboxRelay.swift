import Foundation
import InkwellContracts
import InkwellCore
import InkwellKafka
import InkwellPostgres
import Logging
import Metrics
import ServiceContextModule
import ServiceLifecycle
import Tracing

/// Publishes the outbox to Kafka, never holding a transaction, lock or pool connection while it
/// waits for the broker. Each round:
///
/// 1. **Claim** (one short transaction): take a batch of pending rows in id order and lease them
///    (`lease_owner`, `lease_until`), skipping every key that has a live lease (another relay's
///    batch in flight, or one of ours whose settlement could not be written).
/// 2. **Publish** (no transaction, no connection): enqueue the whole batch to the idempotent
///    producer, then await all delivery reports (``KafkaProducer/sendBatch(_:)``).
/// 3. **Settle** (one short transaction): mark acknowledged rows sent, record failures, park
///    the rows the broker will never take, and release the leases (``OutboxSettlement``).
///
/// ## Why per-key order holds, across replicas and across a broker outage
///
/// Claim: a row is claimable only if no pending row of its key has a live lease, and claims are
/// serialised per schema (`pg_advisory_xact_lock` for the claim transaction only, so each claim
/// sees the leases the previous one committed). So at any moment at most one relay (replica) has
/// rows of a key in flight, and since it takes rows in id order and every settlement keeps "sent
/// or parked" a prefix of each key's rows, what it holds is the next rows of the key, in order.
///
/// Publish: within one batch the rows of a key go to one partition (same key) in id order, and
/// the idempotent producer (`acks=all`) keeps that order within its session: a later record is
/// never written before an earlier one of the same session and partition. A record that fails to
/// enqueue stops the later records of its key in the batch (they are not sent at all).
///
/// Settle: walking the batch in id order, a key's first retriable failure holds all its later
/// rows (even acknowledged ones): they are published again, after the failed row, in a later
/// round; the duplicate is dropped by the consumers' inbox (same event id). So the first copy of
/// each event of a key reaches the topic in id order, and every event eventually arrives: a broker
/// outage in the middle of a batch only delays the key.
///
/// Lease expiry: the lease (``Configuration/leaseDuration``, 30 s by default) must exceed the
/// producer's `message.timeout.ms` (10 s in ``DataPlatform``): every delivery report arrives
/// before then, so a batch is settled before its lease ends, and only a relay that died (or lost
/// its database) leaves a lease to expire. A row published by a relay that died before settling
/// it is published again by the next owner, after its earlier rows: again only a duplicate.
///
/// The one gap this cannot close: librdkafka may time out a *queued* (never sent) record while a
/// later record of the same key, queued an instant later, still goes out once the broker is back
/// (idempotence does not cover `message.timeout.ms`). The relay then sees "earlier failed, later
/// acknowledged", holds and republishes the later row after the earlier one, and counts it in
/// `inkwell_outbox_acknowledged_but_held_total` with a warning; consumers see the later version
/// first, once, and must (as EVENTS.md says) ignore an event whose `version` is not newer.
///
/// ## Parking
///
/// A row the broker will never take (too large, invalid topic: ``OutboxFailurePolicy``) or that
/// failed ``OutboxFailurePolicy/maxAttempts`` times is parked: state `dead`, its error kept, a log
/// line, `inkwell_outbox_parked_total` and the gauge `inkwell_outbox_parked`. It no longer holds
/// back anything: **later rows of its key still flow.** Holding them would stop the aggregate's
/// whole stream until a person acts on a row that cannot ever be published as is; consumers see
/// a version gap instead, which they already tolerate (they apply only newer versions). Re-queued
/// (`<service> outbox requeue`), a parked row is published after the rows that overtook it, so
/// consumers drop it as stale unless nothing newer of the key was published.
public final class OutboxRelay: Service, Sendable {
    public struct Configuration: Sendable {
        /// Rows claimed, published at once and settled per round: each round costs two short
        /// transactions and a broker round trip whatever its size, so larger rounds publish more
        /// per second (a round is a few MB of payloads at most).
        public var batchSize: Int = 1000
        /// How often to look for rows written by other replicas (this replica's own writes wake it at once).
        public var pollInterval: Duration = .milliseconds(250)
        public var minBackoff: Duration = .milliseconds(100)
        public var maxBackoff: Duration = .seconds(10)
        /// How long a claimed batch is reserved; must exceed the producer's message timeout.
        public var leaseDuration: Duration = .seconds(30)
        /// When to give up on a row and park it.
        public var failurePolicy = OutboxFailurePolicy()
        /// Sent rows are kept this long (for diagnosis), then deleted.
        public var retention: Duration = .seconds(24 * 3600)
        /// How often the gauges are refreshed and old sent rows deleted.
        public var housekeepingInterval: Duration = .seconds(10)
        public init() {}
    }

    let postgres: PostgresClient
    let producer: KafkaProducer
    let signal: WakeSignal
    let configuration: Configuration
    let logger: Logger
    /// Advisory lock key of the claim transaction: claims are serialised per schema.
    let lockKey: Int64
    /// This relay's lease owner name (one per process and relay).
    let owner: String

    let published: Counter
    let failures: Counter
    let parkedTotal: Counter
    let heldAfterAcknowledgement: Counter
    let parkedGauge: Metrics.Gauge
    let backlog: Metrics.Gauge
    let oldestAge: Metrics.Gauge
    let publishLag: Metrics.Timer

    public init(postgres: PostgresClient, producer: KafkaProducer, signal: WakeSignal, schema: String, configuration: Configuration = .init(), logger: Logger) {
        self.postgres = postgres
        self.producer = producer
        self.signal = signal
        self.configuration = configuration
        self.logger = logger
        lockKey = Self.lockKey(schema: schema)
        owner = "\(ProcessInfo.processInfo.hostName)/\(ProcessInfo.processInfo.processIdentifier)/\(UUID().uuidString.prefix(8).lowercased())"
        published = Counter(label: "inkwell_outbox_published_total")
        failures = Counter(label: "inkwell_outbox_publish_failures_total")
        parkedTotal = Counter(label: "inkwell_outbox_parked_total")
        heldAfterAcknowledgement = Counter(label: "inkwell_outbox_acknowledged_but_held_total")
        parkedGauge = Metrics.Gauge(label: "inkwell_outbox_parked")
        backlog = Metrics.Gauge(label: "inkwell_outbox_backlog")
        oldestAge = Metrics.Gauge(label: "inkwell_outbox_lag_seconds")
        publishLag = Metrics.Timer(label: "inkwell_outbox_publish_lag_seconds", preferredDisplayUnit: .seconds)
    }

    /// A stable 63-bit key from the schema name (FNV-1a): identical in every replica.
    static func lockKey(schema: String) -> Int64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in "inkwell.outbox.\(schema)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return Int64(bitPattern: hash & 0x7FFF_FFFF_FFFF_FFFF)
    }

    public func run() async throws {
        let publisher = PeriodicWorker(
            name: "outbox-relay",
            configuration: .init(interval: configuration.pollInterval, minBackoff: configuration.minBackoff, maxBackoff: configuration.maxBackoff),
            wake: signal, logger: logger
        ) { try await self.round() }
        let housekeeper = PeriodicWorker(
            name: "outbox-housekeeping", configuration: .init(interval: configuration.housekeepingInterval), logger: logger
        ) { try await self.housekeeping() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await publisher.run() }
            group.addTask { try await housekeeper.run() }
            try await group.waitForAll()
        }
        logger.info("outbox relay stopped")
    }

    /// One claim-publish-settle round.
    func round() async throws -> PeriodicWorker.Outcome {
        let rows = try await claim()
        guard let first = rows.first else {
            oldestAge.record(0)
            return .idle
        }
        oldestAge.record(max(0, Date().timeIntervalSince(first.createdAt)))
        let spans = rows.map(Self.publishSpan)
        let results = await producer.sendBatch(rows.map(Self.record))
        let settlement = OutboxSettlement(rows: rows, results: results, policy: configuration.failurePolicy)
        Self.end(spans, rows: rows, settlement: settlement)
        try await settle(settlement)
        report(settlement, rows: rows)
        if !settlement.failed.isEmpty { return .failed }
        return rows.count == configuration.batchSize ? .more : .idle
    }

    /// Leases the next batch (see the type's documentation for which rows qualify).
    func claim() async throws -> [OutboxRow] {
        let lease = Double(configuration.leaseDuration.components.seconds) + Double(configuration.leaseDuration.components.attoseconds) / 1e18
        return try await postgres.withTransaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(\(self.lockKey))")
            return try await connection.query("""
                UPDATE outbox SET lease_owner = \(self.owner), lease_until = clock_timestamp() + make_interval(secs => \(lease))
                WHERE id IN (
                    SELECT o.id FROM outbox o
                    WHERE o.sent_at IS NULL AND o.state = 'pending'
                      -- The keys in flight, computed once (a small set, from the partial index
                      -- outbox_pending_leases) and looked up by hash: a correlated NOT EXISTS was
                      -- planned as a scan of every pending row per candidate when the table's
                      -- statistics were stale (1.7 s a claim after a bulk insert of 20,000 rows).
                      AND o.record_key NOT IN (
                          SELECT l.record_key FROM outbox l
                          WHERE l.sent_at IS NULL AND l.state = 'pending'
                            AND l.lease_until IS NOT NULL AND l.lease_until >= clock_timestamp())
                    ORDER BY o.id LIMIT \(self.configuration.batchSize))
                RETURNING id, topic, record_key, event_type, payload, traceparent, created_at, attempts
                """).map { row in
                OutboxRow(
                    id: try row.decode(column: "id"), topic: try row.decode(column: "topic"), key: try row.decode(column: "record_key"),
                    eventType: try row.decode(column: "event_type"), payload: try row.decode(column: "payload"),
                    traceparent: try row.decode(column: "traceparent"), createdAt: try row.decode(column: "created_at"),
                    attempts: Int(try row.decode(column: "attempts", as: Int32.self))
                )
            }.sorted { $0.id < $1.id }
        }
    }

    /// Writes a batch's settlement and releases its leases, in one short transaction.
    func settle(_ settlement: OutboxSettlement) async throws {
        try await postgres.withTransaction { connection in
            if !settlement.sent.isEmpty {
                try await connection.execute("""
                    UPDATE outbox SET sent_at = clock_timestamp(), attempts = attempts + 1, lease_owner = NULL, lease_until = NULL
                    WHERE id = ANY(\(settlement.sent))
                    """)
            }
            if !settlement.failed.isEmpty {
                try await connection.execute("""
                    UPDATE outbox AS o SET attempts = o.attempts + f.inc, last_error = f.error, lease_owner = NULL, lease_until = NULL
                    FROM unnest(\(settlement.failed.map(\.id))::int8[], \(settlement.failed.map(\.error))::text[],
                                \(settlement.failed.map { $0.countsAsAttempt ? Int32(1) : Int32(0) })::int4[]) AS f(id, error, inc)
                    WHERE o.id = f.id
                    """)
            }
            if !settlement.parked.isEmpty {
                try await connection.execute("""
                    UPDATE outbox AS o SET state = 'dead', parked_at = clock_timestamp(), attempts = o.attempts + 1, last_error = f.error,
                        lease_owner = NULL, lease_until = NULL
                    FROM unnest(\(settlement.parked.map(\.id))::int8[], \(settlement.parked.map(\.reason))::text[]) AS f(id, error)
                    WHERE o.id = f.id
                    """)
            }
            if !settlement.held.isEmpty {
                try await connection.execute("UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE id = ANY(\(settlement.held))")
            }
        }
    }

    func report(_ settlement: OutboxSettlement, rows: [OutboxRow]) {
        published.increment(by: settlement.sent.count)
        let now = Date()
        let sent = Set(settlement.sent)
        for row in rows where sent.contains(row.id) {
            publishLag.recordNanoseconds(Int64(max(0, now.timeIntervalSince(row.createdAt)) * 1e9))
        }
        if let failure = settlement.failed.first {
            failures.increment(by: settlement.failed.count)
            logger.warning("outbox publish failed; retrying in order", metadata: [
                "failed": "\(settlement.failed.count)", "held": "\(settlement.held.count)", "outbox_id": "\(failure.id)", "error": "\(failure.error)",
            ])
        }
        if settlement.acknowledgedButHeld > 0 {
            heldAfterAcknowledgement.increment(by: settlement.acknowledgedButHeld)
            logger.warning("later outbox rows were acknowledged after an earlier row of their key failed; republishing them in order", metadata: [
                "rows": "\(settlement.acknowledgedButHeld)",
            ])
        }
        for parked in settlement.parked {
            parkedTotal.increment()
            logger.error("outbox row parked: the broker will not take it; later rows of its key go on", metadata: [
                "outbox_id": "\(parked.id)", "key": "\(parked.key)", "type": "\(parked.eventType)", "error": "\(parked.reason)",
            ])
        }
    }

    /// Refreshes the backlog and parked gauges and deletes sent rows older than the retention.
    func housekeeping() async throws -> PeriodicWorker.Outcome {
        let cutoff = Date().addingTimeInterval(-Double(configuration.retention.components.seconds))
        try await postgres.execute("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < \(cutoff)")
        let counts = try await postgres.query("""
            SELECT count(*) FILTER (WHERE sent_at IS NULL AND state = 'pending')::int8 AS pending,
                   count(*) FILTER (WHERE state = 'dead')::int8 AS parked
            FROM outbox WHERE sent_at IS NULL
            """).first
        backlog.record(Double(try counts?.decode(column: "pending", as: Int64.self) ?? 0))
        parkedGauge.record(Double(try counts?.decode(column: "parked", as: Int64.self) ?? 0))
        return .idle
    }

    /// A producer span for publishing `row`, a child of the trace the event was written in (its
    /// stored `traceparent`), so the publish joins the request that caused it; nil for an event
    /// of no trace. With tracing off, a no-op span.
    static func publishSpan(_ row: OutboxRow) -> (any Span)? {
        guard let traceparent = row.traceparent else { return nil }
        var context = ServiceContext.topLevel
        InstrumentationSystem.instrument.extract(TraceparentCarrier(traceparent: traceparent), into: &context, using: TraceparentCarrier.Extractor())
        let span = startSpan("\(row.topic) publish", context: context, ofKind: .producer)
        if span.isRecording {
            span.attributes["messaging.system"] = "kafka"
            span.attributes["messaging.destination.name"] = row.topic
            span.attributes["messaging.operation.type"] = "publish"
            span.attributes["cloudevents.event_type"] = row.eventType
        }
        return span
    }

    /// Ends the publish spans of a round: an error status for rows not sent.
    static func end(_ spans: [(any Span)?], rows: [OutboxRow], settlement: OutboxSettlement) {
        let sent = Set(settlement.sent)
        for (span, row) in zip(spans, rows) {
            guard let span else { continue }
            if span.isRecording, !sent.contains(row.id) { span.setStatus(.init(code: .error)) }
            span.end()
        }
    }

    static func record(_ row: OutboxRow) -> KafkaRecord {
        var headers = [
            KafkaHeader(key: "content-type", string: "application/cloudevents+json"),
            KafkaHeader(key: "ce_type", string: row.eventType),
        ]
        if let traceparent = row.traceparent { headers.append(KafkaHeader(key: "traceparent", string: traceparent)) }
        return KafkaRecord(topic: row.topic, key: Array(row.key.utf8), value: Array(row.payload.utf8), headers: headers)
    }
}
