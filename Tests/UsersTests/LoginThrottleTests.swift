import Foundation
import Testing
@testable import UsersService

@Suite struct LoginThrottleTests {
    let throttle = LoginThrottle()
    let t0 = Date(timeIntervalSince1970: 3_000_000)
    func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    /// Reserves and fails at each time; returns the decisions.
    func failures(at minutes: [Double], from start: LoginThrottle.State = .init()) -> ([LoginThrottle.Decision], LoginThrottle.State) {
        var state = start
        var decisions: [LoginThrottle.Decision] = []
        for minute in minutes {
            let (decision, next) = throttle.reserve(state, now: at(minute))
            decisions.append(decision)
            state = decision == .check ? throttle.fail(next, now: at(minute)) : next
        }
        return (decisions, state)
    }

    @Test func fourFailuresDoNotLock() {
        let (decisions, state) = failures(at: [0, 1, 2, 3])
        #expect(decisions.allSatisfy { $0 == .check })
        #expect(state.lockedUntil == nil)
        #expect(throttle.reserve(state, now: at(4)).0 == .check)
    }

    @Test func fiveFailuresWithinFifteenMinutesLockForFifteenMinutes() {
        let (_, state) = failures(at: [0, 1, 2, 3, 14])
        #expect(state.lockedUntil == at(29))
        #expect(throttle.reserve(state, now: at(14)).0 == .refuse(retryAfter: 900))
        #expect(throttle.reserve(state, now: at(28.5)).0 == .refuse(retryAfter: 30))
        #expect(throttle.reserve(state, now: at(29)).0 == .check, "the lockout is over; the account starts afresh")
    }

    @Test func refusedAttemptsDoNotExtendTheLockout() {
        let (_, state) = failures(at: [0, 1, 2, 3, 4])
        let (decision, after) = throttle.reserve(state, now: at(10))
        #expect(decision == .refuse(retryAfter: 540))
        #expect(after == state)
    }

    @Test func fiveFailuresSpreadOverMoreThanFifteenMinutesDoNotLock() {
        let (decisions, state) = failures(at: [0, 4, 8, 12, 16])
        #expect(decisions.allSatisfy { $0 == .check })
        #expect(state.lockedUntil == nil)
    }

    @Test func checksInFlightCountAgainstTheLimit() {
        // Five reserved at once (none finished yet): the sixth is refused before any hash.
        var state = LoginThrottle.State()
        for _ in 0..<5 {
            let (decision, next) = throttle.reserve(state, now: at(0))
            #expect(decision == .check)
            state = next
        }
        #expect(throttle.reserve(state, now: at(0)).0 == .refuse(retryAfter: 900))
        #expect(throttle.reserve(state, now: at(5)).0 == .refuse(retryAfter: 600))
        // The first of them to fail locks the account.
        #expect(throttle.fail(state, now: at(0)).lockedUntil == at(15))
    }

    @Test func retryAfterRoundsUpToWholeSeconds() {
        let (_, state) = failures(at: (0..<5).map { Double($0) / 60 })
        #expect(throttle.reserve(state, now: at(4.0 / 60).addingTimeInterval(899.2)).0 == .refuse(retryAfter: 1))
    }
}
