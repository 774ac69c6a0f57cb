import InkwellEvents
import InkwellKafka
import Testing

/// The relay's decisions from delivery results alone.
@Suite struct OutboxSettlementTests {
    func row(_ id: Int64, _ key: String, attempts: Int = 0) -> OutboxRow {
        OutboxRow(id: id, topic: "t", key: key, eventType: "e", payload: "{}", attempts: attempts)
    }
    let ok: Result<KafkaDelivery, KafkaError> = .success(KafkaDelivery(partition: 0, offset: 1))
    let timedOut: Result<KafkaDelivery, KafkaError> = .failure(.deliveryFailed(code: .messageTimedOut, message: "timed out"))
    let tooLarge: Result<KafkaDelivery, KafkaError> = .failure(.enqueueFailed(code: .messageSizeTooLarge, message: "too large"))
    let unknownTopic: Result<KafkaDelivery, KafkaError> = .failure(.deliveryFailed(code: .unknownTopicOrPartition, message: "unknown"))

    @Test func aFailedRowHoldsTheLaterRowsOfItsKeyOnly() {
        let rows = [row(1, "a"), row(2, "b"), row(3, "a"), row(4, "b"), row(5, "a")]
        let settlement = OutboxSettlement(rows: rows, results: [ok, timedOut, ok, ok, ok], policy: .init())
        #expect(settlement.sent == [1, 3, 5])
        #expect(settlement.failed.map(\.id) == [2])
        #expect(settlement.failed.first?.countsAsAttempt == false, "a timeout is not the row's fault")
        #expect(settlement.failed.first?.error.contains("_MSG_TIMED_OUT") == true)
        #expect(settlement.held == [4])
        #expect(settlement.acknowledgedButHeld == 1, "b's later row was acknowledged after its earlier one failed")
        #expect(settlement.parked.isEmpty)
    }

    @Test func aParkedRowDoesNotHoldItsKey() {
        let rows = [row(1, "a"), row(2, "a"), row(3, "a")]
        let settlement = OutboxSettlement(rows: rows, results: [ok, tooLarge, ok], policy: .init())
        #expect(settlement.sent == [1, 3])
        #expect(settlement.parked.map(\.id) == [2])
        #expect(settlement.held.isEmpty)
    }

    @Test func aRecordSkippedAfterAnEarlierEnqueueFailureIsRetriedNotParked() {
        let skipped: Result<KafkaDelivery, KafkaError> = .failure(.skippedAfterEarlierFailure(code: .queueFull))
        let queueFull: Result<KafkaDelivery, KafkaError> = .failure(.enqueueFailed(code: .queueFull, message: "full"))
        let settlement = OutboxSettlement(rows: [row(1, "a"), row(2, "a")], results: [queueFull, skipped], policy: .init())
        #expect(settlement.failed.map(\.id) == [1])
        #expect(settlement.held == [2])
    }

    @Test func outagesNeverParkButRowFaultsDoAfterMaxAttempts() {
        let policy = OutboxFailurePolicy(maxAttempts: 3)
        #expect(policy.decide(.deliveryFailed(code: .messageTimedOut, message: ""), attempts: 1000) == .retry(countsAsAttempt: false))
        #expect(policy.decide(.shutDown, attempts: 1000) == .retry(countsAsAttempt: false))
        #expect(policy.decide(.deliveryFailed(code: .unknownTopicOrPartition, message: ""), attempts: 0) == .retry(countsAsAttempt: true))
        #expect(policy.decide(.deliveryFailed(code: .unknownTopicOrPartition, message: ""), attempts: 1) == .retry(countsAsAttempt: true))
        guard case .park(let reason) = policy.decide(.deliveryFailed(code: .unknownTopicOrPartition, message: ""), attempts: 2) else {
            Issue.record("not parked after 3 attempts")
            return
        }
        #expect(reason.contains("3 attempts"))
        let settlement = OutboxSettlement(rows: [row(1, "a", attempts: 2), row(2, "a")], results: [unknownTopic, ok], policy: policy)
        #expect(settlement.parked.map(\.id) == [1])
        #expect(settlement.sent == [2])
    }

    @Test func nonRetriableCodesParkAtOnce() {
        for code in [KafkaErrorCode.messageSizeTooLarge, .recordListTooLarge, .invalidTopic, .invalidRecord, .invalidArgument] {
            guard case .park = OutboxFailurePolicy().decide(.deliveryFailed(code: code, message: ""), attempts: 0) else {
                Issue.record("\(code) not parked")
                continue
            }
        }
    }
}
