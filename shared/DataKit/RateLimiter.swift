import InkwellPostgres
import InkwellServiceKit

/// Rate limits kept in PostgreSQL, so that they hold across replicas: "at most 5 comments per
/// minute per account" is `enforce("comments.create:\(userId)", RateLimit(5, per: .seconds(60)))`.
///
/// A sliding log per key: the row holds the times of the requests admitted in the last window.
/// Each request is one `INSERT ... ON CONFLICT DO UPDATE` that drops the times that left the
/// window, admits the request if fewer than `limit` remain (appending its time) and returns the
/// verdict and the wait. The row lock makes concurrent requests of a key take turns, so there is
/// no read-then-write race: exactly `limit` of any burst get through. Times come from the database
/// clock (one clock for all replicas). Refused requests are not recorded, so a client hammering
/// a limit is let in again as soon as its oldest admitted request leaves the window.
public struct RateLimiter: Sendable {
    let postgres: PostgresClient

    /// Uses the `rate_limits` table of the service's schema (platform migration 5).
    public init(postgres: PostgresClient) {
        self.postgres = postgres
    }

    /// Counts one request of `key` against `limit` and says whether it may go ahead.
    public func hit(_ key: String, limit: RateLimit) async throws -> RateLimitDecision {
        let window = limit.windowSeconds, max = limit.limit
        // SET expressions see the row as it was; RETURNING sees it as written.
        let rows = try await postgres.query("""
            INSERT INTO rate_limits AS r (key, hits, admitted, updated_at)
            VALUES (\(key), ARRAY[now()], true, now())
            ON CONFLICT (key) DO UPDATE SET
                hits = ARRAY(SELECT t FROM unnest(r.hits) AS t WHERE t > now() - make_interval(secs => \(window)) ORDER BY t)
                    || CASE WHEN cardinality(ARRAY(SELECT t FROM unnest(r.hits) AS t WHERE t > now() - make_interval(secs => \(window)))) < \(max)
                       THEN ARRAY[now()] ELSE ARRAY[]::timestamptz[] END,
                admitted = cardinality(ARRAY(SELECT t FROM unnest(r.hits) AS t WHERE t > now() - make_interval(secs => \(window)))) < \(max),
                updated_at = now()
            RETURNING r.admitted,
                extract(epoch FROM (SELECT min(t) FROM unnest(r.hits) AS t) + make_interval(secs => \(window)) - now())::float8 AS wait
            """)
        guard let row = rows.first else { return .allowed }
        if try row.decode(column: "admitted", as: Bool.self) { return .allowed }
        return .limited(freeingIn: try row.decode(column: "wait", as: Double?.self) ?? 1)
    }

    /// ``hit(_:limit:)``, throwing 429 problem+json with `Retry-After` when refused.
    public func enforce(_ key: String, limit: RateLimit) async throws {
        if case .limited(let retryAfter) = try await hit(key, limit: limit) {
            throw HTTPProblem.rateLimited(retryAfter: retryAfter)
        }
    }

    /// Deletes the rows of keys without a request for `idle` (longer than the longest window in
    /// use: their logs are empty anyway). Returns how many. For a periodic worker.
    @discardableResult
    public func purge(idleFor idle: Duration) async throws -> Int {
        let seconds = RateLimit(1, per: idle).windowSeconds
        return try await postgres.execute("DELETE FROM rate_limits WHERE updated_at < now() - make_interval(secs => \(seconds))")
    }

    /// Platform migration 5: the `rate_limits` table.
    public static let migration = Migration(version: 5, name: "platform_rate_limits", sql: """
        CREATE TABLE rate_limits (
            key text PRIMARY KEY,
            hits timestamptz[] NOT NULL,
            admitted boolean NOT NULL DEFAULT true,
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX rate_limits_updated_at ON rate_limits (updated_at);
        """)
}
