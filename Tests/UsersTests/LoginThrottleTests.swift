import Foundation
import Testing
@testable import UsersService

@Suite struct LoginThrottleTests {
    let throttle = LoginThrottle()
    let t0 = Date(timeIntervalSince1970: 3_000_000)
    func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    @Test func fourFailuresDoNotLock() {
        #expect(throttle.lockedUntil(failures: [at(0), at(1), at(2), at(3)]) == nil)
    }

    @Test func fiveFailuresWithinFifteenMinutesLockForFifteenMinutes() {
        let failures = [at(0), at(1), at(2), at(3), at(14)]
        #expect(throttle.lockedUntil(failures: failures) == at(29))
        #expect(throttle.retryAfter(failures: failures, now: at(14)) == 900)
        #expect(throttle.retryAfter(failures: failures, now: at(28.5)) == 30)
        #expect(throttle.retryAfter(failures: failures, now: at(29)) == nil)
    }

    @Test func fiveFailuresSpreadOverMoreThanFifteenMinutesDoNotLock() {
        #expect(throttle.lockedUntil(failures: [at(0), at(4), at(8), at(12), at(16)]) == nil)
    }

    @Test func orderDoesNotMatterAndTheLatestRunWins() {
        let failures = [at(20), at(0), at(1), at(2), at(3), at(4), at(21), at(22), at(23)]
        // 0...4 lock until 19; 3,4,20,21,22 span 19 min: no; 4,20..23 span 19: no; 20..23 + 2? only four later ones,
        // but 2,3,4,20,21 span > 15; so the latest run is 0..4 → 19. Adding one more failure at 24 makes 20..24 a run.
        #expect(throttle.lockedUntil(failures: failures) == at(19))
        #expect(throttle.lockedUntil(failures: failures + [at(24)]) == at(39))
    }

    @Test func retryAfterRoundsUpToWholeSeconds() {
        let failures = (0..<5).map { at(Double($0) / 60) }
        #expect(throttle.retryAfter(failures: failures, now: failures[4].addingTimeInterval(899.2)) == 1)
    }

    @Test func lookbackCoversWindowAndLockout() {
        #expect(throttle.lookback == 1800)
    }
}
