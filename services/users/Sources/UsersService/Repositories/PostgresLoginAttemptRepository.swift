import Foundation
import InkwellPostgres

/// ``LoginAttemptRepository`` on `login_attempts`: each step is one statement, so PostgreSQL's
/// row lock serialises concurrent attempts of an account, whichever replica runs them. The SQL
/// is ``LoginThrottle``'s rule (`Tests/UsersTests/LoginAttemptRepositoryTests` holds them equal).
public struct PostgresLoginAttemptRepository: LoginAttemptRepository {
    let postgres: PostgresClient

    public init(postgres: PostgresClient) { self.postgres = postgres }

    public func reserve(userId: UUID, now: Date, throttle: LoginThrottle) async throws -> LoginThrottle.Decision {
        let start = throttle.windowStart(now)
        // The conflict's WHERE is evaluated on the latest row version after the lock is taken.
        let reserved = try await postgres.query("""
            INSERT INTO login_attempts AS a (user_id, attempts) VALUES (\(userId), ARRAY[\(now)]::timestamptz[])
            ON CONFLICT (user_id) DO UPDATE SET
                attempts = ARRAY(SELECT t FROM unnest(a.attempts) AS t WHERE t > \(start) ORDER BY t) || \(now)::timestamptz,
                locked_until = NULL
            WHERE (a.locked_until IS NULL OR a.locked_until <= \(now))
                AND cardinality(ARRAY(SELECT t FROM unnest(a.attempts) AS t WHERE t > \(start))) < \(throttle.maxFailures)
            RETURNING a.user_id
            """)
        if !reserved.isEmpty { return .check }
        // Refused: read the state only to say how long (the refusal itself was atomic).
        let rows = try await postgres.query("""
            SELECT locked_until, ARRAY(SELECT extract(epoch FROM t)::float8 FROM unnest(attempts) AS t ORDER BY t) AS attempts
            FROM login_attempts WHERE user_id = \(userId)
            """)
        let state = try rows.first.map { row in
            LoginThrottle.State(attempts: try row.decode(column: "attempts", as: [Double].self).map(Date.init(timeIntervalSince1970:)),
                                lockedUntil: try row.decode(column: "locked_until", as: Date?.self))
        } ?? LoginThrottle.State()
        let (decision, _) = throttle.reserve(state, now: now)
        // Between the two statements the row may have changed (a success cleared it): refuse anyway.
        if case .refuse = decision { return decision }
        return .refuse(retryAfter: 1)
    }

    public func recordFailure(userId: UUID, now: Date, throttle: LoginThrottle) async throws {
        try await postgres.execute("""
            UPDATE login_attempts SET attempts = '{}', locked_until = \(now.addingTimeInterval(throttle.lockout))
            WHERE user_id = \(userId) AND (locked_until IS NULL OR locked_until <= \(now))
                AND cardinality(ARRAY(SELECT t FROM unnest(attempts) AS t WHERE t > \(throttle.windowStart(now)))) >= \(throttle.maxFailures)
            """)
    }

    public func clear(userId: UUID) async throws {
        try await postgres.execute("DELETE FROM login_attempts WHERE user_id = \(userId)")
    }
}
