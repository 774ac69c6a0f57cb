import Foundation
@testable import InkwellDataKit
import InkwellPostgres
import InkwellServiceKit
import Logging
import TestSupport
import Testing

/// ``RateLimiter`` against the test cluster's PostgreSQL.
@Suite struct RateLimiterTests {
    /// A fresh database whose `comments` schema has the platform migrations.
    func withLimiter(poolSize: Int = 8, _ body: @Sendable (RateLimiter, PostgresClient) async throws -> Void) async throws {
        let database = try await TestDatabase.create(prefix: "ratelimit")
        let client = PostgresClient(configuration: try PostgresConfiguration(url: try database.url(role: "comments"), poolSize: poolSize), logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await client.run() }
            try await Migrator(client: client, schema: "comments", migrations: PlatformMigrations.all, logger: Logger(label: "test")).migrate()
            try await body(RateLimiter(postgres: client), client)
            group.cancelAll()
        }
    }

    @Test func theMigrationIsPlatformVersion5() {
        #expect(RateLimiter.migration.version == 5)
        #expect(PlatformMigrations.all.map(\.version).contains(5))
        #expect(Set(PlatformMigrations.all.map(\.version)).count == PlatformMigrations.all.count)
    }

    @Test func concurrentRequestsOverTheLimitAllowExactlyN() async throws {
        try await withLimiter { limiter, _ in
            let limit = RateLimit(5, per: .seconds(60))
            let decisions = try await withThrowingTaskGroup(of: RateLimitDecision.self) { group in
                for _ in 0..<40 { group.addTask { try await limiter.hit("comments.create:ada", limit: limit) } }
                return try await group.reduce(into: [RateLimitDecision]()) { $0.append($1) }
            }
            #expect(decisions.filter { $0 == .allowed }.count == 5)
            // Whole seconds left in the window, which began with the first hit: 40 hits may take a few seconds on a loaded machine.
            for case .limited(let retryAfter) in decisions { #expect((50...60).contains(retryAfter), "\(retryAfter)") }
            // Other keys have their own budget.
            #expect(try await limiter.hit("comments.create:bob", limit: limit) == .allowed)
        }
    }

    @Test func theWindowFreesAndRetryAfterSaysWhen() async throws {
        try await withLimiter { limiter, _ in
            let limit = RateLimit(2, per: .seconds(1))
            #expect(try await limiter.hit("k", limit: limit) == .allowed)
            #expect(try await limiter.hit("k", limit: limit) == .allowed)
            #expect(try await limiter.hit("k", limit: limit) == .limited(retryAfter: 1))
            // Refusals are not recorded: once the first hits leave the window, a slot is free.
            let start = ContinuousClock.now
            try await pollUntil("a slot frees", timeout: .seconds(5), interval: .milliseconds(50)) {
                try await limiter.hit("k", limit: limit) == .allowed
            }
            #expect(ContinuousClock.now - start < .seconds(10))
        }
    }

    @Test func retryAfterCountsFromTheOldestHit() async throws {
        try await withLimiter { limiter, client in
            let limit = RateLimit(2, per: .seconds(600))
            #expect(try await limiter.hit("k", limit: limit) == .allowed)
            #expect(try await limiter.hit("k", limit: limit) == .allowed)
            // Age the first hit by five minutes: it frees its slot in about 300 s, not 600.
            _ = try await client.execute("UPDATE rate_limits SET hits[1] = hits[1] - interval '300 seconds' WHERE key = 'k'")
            guard case .limited(let retryAfter) = try await limiter.hit("k", limit: limit) else {
                Issue.record("a full window admitted a request")
                return
            }
            #expect((290...300).contains(retryAfter), "\(retryAfter)")  // seconds pass between the hits on a loaded machine
            // Aged out entirely: admitted again.
            _ = try await client.execute("UPDATE rate_limits SET hits = ARRAY(SELECT t - interval '601 seconds' FROM unnest(hits) AS t) WHERE key = 'k'")
            #expect(try await limiter.hit("k", limit: limit) == .allowed)
            #expect(try await limiter.hit("k", limit: limit) == .allowed)
            #expect(try await limiter.hit("k", limit: limit) != .allowed)
        }
    }

    @Test func enforceThrows429WithRetryAfter() async throws {
        try await withLimiter { limiter, _ in
            let limit = RateLimit(1, per: .seconds(60))
            try await limiter.enforce("k", limit: limit)
            do {
                try await limiter.enforce("k", limit: limit)
                Issue.record("the second request passed")
            } catch let problem as HTTPProblem {
                #expect(problem.status == .tooManyRequests)
                #expect(problem.headers[.retryAfter].flatMap(Int.init).map { (59...60).contains($0) } == true)
            }
        }
    }

    @Test func purgeDropsIdleKeys() async throws {
        try await withLimiter { limiter, client in
            _ = try await limiter.hit("old", limit: RateLimit(1, per: .seconds(1)))
            _ = try await limiter.hit("new", limit: RateLimit(1, per: .seconds(1)))
            _ = try await client.execute("UPDATE rate_limits SET updated_at = now() - interval '2 hours' WHERE key = 'old'")
            #expect(try await limiter.purge(idleFor: .seconds(3600)) == 1)
            #expect(try await client.query("SELECT key FROM rate_limits").map { try $0.decode(column: "key", as: String.self) } == ["new"])
        }
    }

    @Test func retryAfterRoundsUp() {
        #expect(RateLimitDecision.limited(retryAfter: 1) == RateLimitDecision.limited(freeingIn: 0.2))
        #expect(RateLimitDecision.limited(freeingIn: 1.01) == .limited(retryAfter: 2))
        #expect(RateLimitDecision.limited(freeingIn: 59.5) == .limited(retryAfter: 60))
        #expect(RateLimitDecision.limited(freeingIn: -3) == .limited(retryAfter: 1))
        #expect(RateLimitDecision.limited(freeingIn: .nan) == .limited(retryAfter: 1))
    }
}
