import InkwellKafka

/// What the relay does with a row whose publish failed: retry it (counting the attempt or not)
/// or park it. A pure decision, unit-tested without a broker.
///
/// - Non-retriable: the broker (or the producer's own checks) will refuse the record however
///   often it is sent: larger than `message.max.bytes`, an invalid topic name, a record the
///   broker calls invalid or corrupt. Parked at once.
/// - Not the row's fault: timeouts, a full local queue, purges at shutdown, fatal producer
///   errors, a record skipped after an earlier one of its key failed. Retried without counting,
///   so a broker outage of any length never parks anything.
/// - Anything else (e.g. a topic the broker does not know, an authorization error) is counted;
///   after ``maxAttempts`` counted failures the row is parked.
public struct OutboxFailurePolicy: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        /// Retry; `countsAsAttempt` says whether it moves the row towards parking.
        case retry(countsAsAttempt: Bool)
        case park(reason: String)
    }

    public var maxAttempts: Int

    public init(maxAttempts: Int = 20) {
        self.maxAttempts = maxAttempts
    }

    static let nonRetriable: Set<KafkaErrorCode> = [
        .messageSizeTooLarge, .recordListTooLarge, .invalidTopic, .invalidRecord, .corruptMessage, .invalidArgument,
    ]
    static let notTheRowsFault: Set<KafkaErrorCode> = [
        .messageTimedOut, .timedOut, .queueFull, .purgedFromQueue, .purgedInFlight, .fatal,
    ]

    /// The decision for a row that has failed `attempts` counted times before this failure.
    public func decide(_ error: KafkaError, attempts: Int) -> Decision {
        switch error {
        case .shutDown, .skippedAfterEarlierFailure:
            return .retry(countsAsAttempt: false)
        default:
            break
        }
        guard let code = error.code else { return .retry(countsAsAttempt: true) }
        if Self.nonRetriable.contains(code) { return .park(reason: "\(error)") }
        if Self.notTheRowsFault.contains(code) || code.rawValue < 0 && Self.isTransient(code) {
            return .retry(countsAsAttempt: false)
        }
        if attempts + 1 >= maxAttempts {
            return .park(reason: "gave up after \(attempts + 1) attempts: \(error)")
        }
        return .retry(countsAsAttempt: true)
    }

    /// librdkafka's local connectivity errors (`_TRANSPORT`, `_ALL_BROKERS_DOWN`, ...).
    static func isTransient(_ code: KafkaErrorCode) -> Bool {
        ["_TRANSPORT", "_ALL_BROKERS_DOWN", "_RESOLVE", "_DESTROY", "_WAIT_COORD", "_GAPLESS_GUARANTEE", "_FENCED", "_PREV_IN_PROGRESS"].contains(code.name)
    }
}
