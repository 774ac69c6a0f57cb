import InkwellKafka

/// What becomes of each row of a published batch, decided from the delivery results alone (a
/// value type, unit-tested without I/O).
///
/// Invariant kept: for every key, the rows marked sent (or parked) are a prefix of its rows in
/// id order. Walking the batch in id order, the first retried failure of a key *blocks* the key:
/// its later rows are released unsent even if the broker acknowledged them, and go out again, in
/// order, after the failed row (a duplicate the consumers' inbox drops by event id). A parked row
/// does not block its key: later rows of the key are settled as if it were not there.
public struct OutboxSettlement: Sendable, Equatable {
    public struct Failure: Sendable, Equatable {
        public var id: Int64
        public var error: String
        public var countsAsAttempt: Bool
    }

    public struct Parked: Sendable, Equatable {
        public var id: Int64
        public var key: String
        public var eventType: String
        public var reason: String
    }

    /// Acknowledged, with every earlier row of the key sent or parked: mark sent.
    public var sent: [Int64] = []
    /// Failed, to be retried: record the error (and the attempt, if it counts), release the lease.
    public var failed: [Failure] = []
    /// Refused for good: mark `dead`.
    public var parked: [Parked] = []
    /// Behind a failed row of their key: release the lease, change nothing else.
    public var held: [Int64] = []
    /// Held rows the broker had acknowledged anyway (a later row of a key written while an
    /// earlier one failed): they will be published again after the earlier row.
    public var acknowledgedButHeld = 0

    public init(rows: [OutboxRow], results: [Result<KafkaDelivery, KafkaError>], policy: OutboxFailurePolicy) {
        precondition(rows.count == results.count, "one result per row")
        var blocked: Set<String> = []
        for (row, result) in zip(rows, results) {
            let blockKey = "\(row.topic)\u{0}\(row.key)"
            if blocked.contains(blockKey) {
                held.append(row.id)
                if case .success = result { acknowledgedButHeld += 1 }
                continue
            }
            switch result {
            case .success:
                sent.append(row.id)
            case .failure(let error):
                switch policy.decide(error, attempts: row.attempts) {
                case .park(let reason):
                    parked.append(Parked(id: row.id, key: row.key, eventType: row.eventType, reason: reason))
                case .retry(let counts):
                    failed.append(Failure(id: row.id, error: "\(error)", countsAsAttempt: counts))
                    blocked.insert(blockKey)
                }
            }
        }
    }
}
