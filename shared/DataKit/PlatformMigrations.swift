import InkwellEvents
import InkwellPostgres

/// The migrations every data-owning service applies before its own (which start at 100):
/// the outbox and inbox (InkwellEvents) and the rate limiter's table (version 5).
public enum PlatformMigrations {
    public static var all: [Migration] { Outbox.migrations + [RateLimiter.migration] }
}
