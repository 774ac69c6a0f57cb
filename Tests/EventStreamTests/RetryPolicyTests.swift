import InkwellEventStream
import Testing

@Suite struct RetryPolicyTests {
    @Test func backoffDoublesUpToTheMaximum() {
        let policy = RetryPolicy(maxAttempts: 6, initialBackoff: .milliseconds(100), maxBackoff: .milliseconds(500), jitter: 0)
        #expect((1...6).map { policy.backoff(afterAttempt: $0) } == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(500), .milliseconds(500), .milliseconds(500)])
    }

    @Test func triesAreBounded() {
        let policy = RetryPolicy(maxAttempts: 3)
        #expect(policy.shouldRetry(afterAttempt: 1))
        #expect(policy.shouldRetry(afterAttempt: 2))
        #expect(!policy.shouldRetry(afterAttempt: 3))
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1, "at least one try")
    }
}
