import Foundation
import Testing
@testable import UsersService

@Suite struct RefreshDecisionTests {
    let now = Date(timeIntervalSince1970: 2_000_000)

    @Test func unknownTokenIsRejected() {
        #expect(RefreshDecision.decide(nil, now: now) == .reject)
    }

    @Test func currentTokenRotates() {
        #expect(RefreshDecision.decide(.init(expiresAt: now.addingTimeInterval(60), rotatedAt: nil, revokedAt: nil), now: now) == .rotate)
    }

    @Test func rotatedTokenIsTheft() {
        #expect(RefreshDecision.decide(.init(expiresAt: now.addingTimeInterval(60), rotatedAt: now.addingTimeInterval(-5), revokedAt: nil), now: now) == .reuseDetected)
        // Even after it would have expired: a replay of a rotated token is still theft.
        #expect(RefreshDecision.decide(.init(expiresAt: now.addingTimeInterval(-60), rotatedAt: now.addingTimeInterval(-90), revokedAt: nil), now: now) == .reuseDetected)
    }

    @Test func revokedOrExpiredTokenIsRejected() {
        #expect(RefreshDecision.decide(.init(expiresAt: now.addingTimeInterval(60), rotatedAt: nil, revokedAt: now), now: now) == .reject)
        #expect(RefreshDecision.decide(.init(expiresAt: now.addingTimeInterval(60), rotatedAt: now, revokedAt: now), now: now) == .reject)
        #expect(RefreshDecision.decide(.init(expiresAt: now, rotatedAt: nil, revokedAt: nil), now: now) == .reject)
    }
}
