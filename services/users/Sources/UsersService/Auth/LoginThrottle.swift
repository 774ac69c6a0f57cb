import Foundation

/// API.md's login limit: an account with `maxFailures` failed logins within `window` gets 429
/// for `lockout` after the failure that reached the limit.
///
/// The rule as a value type; ``LoginAttemptRepository`` applies it atomically in the database
/// (so it holds across replicas and under any concurrency): a password check is *reserved*
/// before hashing, and at most `maxFailures` reservations exist in a window, in flight or
/// failed. Attempts refused during a lockout are not counted (the password is not even
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

    /// What the database keeps of one account.
    public struct State: Sendable, Equatable {
        /// Reserved checks (failed or in flight), any order.
        public var attempts: [Date]
        public var lockedUntil: Date?
        public init(attempts: [Date] = [], lockedUntil: Date? = nil) {
            self.attempts = attempts
            self.lockedUntil = lockedUntil
        }
    }

    /// The answer to a login attempt before its password is checked.
    public enum Decision: Sendable, Equatable {
        /// Check the password; the attempt is counted.
        case check
        /// 429 with `Retry-After` in whole seconds.
        case refuse(retryAfter: Int)
    }

    /// Attempts older than this no longer count.
    public func windowStart(_ now: Date) -> Date { now.addingTimeInterval(-window) }

    public func isLocked(_ state: State, now: Date) -> Bool {
        state.lockedUntil.map { $0 > now } ?? false
    }

    /// The attempts that still count at `now`.
    public func recent(_ state: State, now: Date) -> [Date] {
        let start = windowStart(now)
        return state.attempts.filter { $0 > start }.sorted()
    }

    /// Reserves a check: the decision and the state after it (unchanged when refused).
    public func reserve(_ state: State, now: Date) -> (Decision, State) {
        if let until = state.lockedUntil, until > now { return (.refuse(retryAfter: Self.seconds(until.timeIntervalSince(now))), state) }
        let recent = recent(state, now: now)
        guard recent.count < maxFailures else {
            // The limit is reached by checks still in flight: a slot frees when the oldest leaves the window.
            return (.refuse(retryAfter: Self.seconds(recent[recent.count - maxFailures].addingTimeInterval(window).timeIntervalSince(now))), state)
        }
        return (.check, State(attempts: recent + [now], lockedUntil: nil))
    }

    /// The state after a reserved check failed at `now`: locked for `lockout` when the limit is
    /// reached (and the counted attempts forgotten: after the lockout the account starts afresh).
    public func fail(_ state: State, now: Date) -> State {
        guard !isLocked(state, now: now), recent(state, now: now).count >= maxFailures else { return state }
        return State(attempts: [], lockedUntil: now.addingTimeInterval(lockout))
    }

    /// Whole seconds, at least one (for `Retry-After`).
    static func seconds(_ interval: TimeInterval) -> Int { max(1, Int(interval.rounded(.up))) }
}
