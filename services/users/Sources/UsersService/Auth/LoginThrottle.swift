import Foundation

/// API.md's login limit: an account with `maxFailures` failed logins within `window` gets 429
/// for `lockout` after the failure that reached the limit.
///
/// Pure window math over the failure times the database keeps (so the limit holds across
/// replicas). Attempts refused during a lockout are not failures (the password is not even
/// checked), so a lockout is not extended by an attacker who keeps trying.
public struct LoginThrottle: Sendable, Equatable {
    public var maxFailures: Int = 5
    public var window: TimeInterval = 15 * 60
    public var lockout: TimeInterval = 15 * 60

    public init() {}
    public init(maxFailures: Int, window: TimeInterval, lockout: TimeInterval) {
        self.maxFailures = maxFailures
        self.window = window
        self.lockout = lockout
    }

    /// How far back failures matter: a lockout can start at most `lockout` ago, and its
    /// failures lie at most `window` before that.
    public var lookback: TimeInterval { window + lockout }

    /// The end of the latest lockout that `failures` cause, if any (failures in any order).
    public func lockedUntil(failures: [Date]) -> Date? {
        guard maxFailures > 0, failures.count >= maxFailures else { return nil }
        let sorted = failures.sorted()
        var until: Date?
        for index in (maxFailures - 1)..<sorted.count {
            let first = sorted[index - (maxFailures - 1)]
            if sorted[index].timeIntervalSince(first) <= window {
                until = sorted[index].addingTimeInterval(lockout)
            }
        }
        return until
    }

    /// Whole seconds until login is allowed again (for `Retry-After`), or nil when not locked.
    public func retryAfter(failures: [Date], now: Date) -> Int? {
        guard let until = lockedUntil(failures: failures), until > now else { return nil }
        return max(1, Int(until.timeIntervalSince(now).rounded(.up)))
    }
}
