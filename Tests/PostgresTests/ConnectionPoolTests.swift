@testable import InkwellPostgres
import TestSupport
import Testing

/// The pool's bookkeeping alone (no database): empty slots are `nil` leases, so waiting, handing
/// over, timing out, cancelling and closing need no connection.
@Suite("ConnectionPool (no database)")
struct ConnectionPoolTests {
    func pool(capacity: Int = 1) -> ConnectionPool {
        ConnectionPool(capacity: capacity, metrics: PostgresMetrics(applicationName: "pool-tests"))
    }

    @Test func aReleasedSlotGoesToTheFirstWaiter() async throws {
        let pool = pool()
        _ = try await pool.acquire(timeout: .seconds(10))
        async let waiting = pool.acquire(timeout: .seconds(10))
        try await pollUntil("a waiter") { pool.waiterCount == 1 }
        pool.release(nil)
        #expect(try await waiting == nil)
        #expect(pool.counts.leased == 1)
        #expect(pool.waiterCount == 0)
    }

    @Test func everyWaiterTimesOutByItsOwnDeadline() async throws {
        let pool = pool()
        _ = try await pool.acquire(timeout: .seconds(10))
        let clock = ContinuousClock()
        let start = clock.now
        // A long wait first, then shorter ones: the one timer must not sleep past them.
        async let long = pool.acquire(timeout: .seconds(30))
        try await pollUntil("the long waiter") { pool.waiterCount == 1 }
        async let short: Void = expectTimeout(pool, after: .milliseconds(150))
        async let shorter: Void = expectTimeout(pool, after: .milliseconds(100))
        _ = try await (short, shorter)
        // Well under the long waiter's 30 s (what a timer sleeping past them would take), and wide
        // of a loaded suite run, which once took 10.3 s for these 150 ms.
        #expect(clock.now - start < .seconds(20))
        #expect(pool.waiterCount == 1)
        pool.release(nil)
        // The long waiter gets the slot, not a timeout.
        #expect(try await long == nil)
    }

    @Test func timedOutWaitersLeaveTheOthersQueued() async throws {
        let pool = pool()
        _ = try await pool.acquire(timeout: .seconds(10))
        async let first: Void = expectTimeout(pool, after: .milliseconds(50))
        try await first
        async let second = pool.acquire(timeout: .seconds(10))
        try await pollUntil("the second waiter") { pool.waiterCount == 1 }
        pool.release(nil)
        #expect(try await second == nil)
    }

    @Test func cancellingAWaiterRemovesIt() async throws {
        let pool = pool()
        _ = try await pool.acquire(timeout: .seconds(10))
        let waiter = Task { try await pool.acquire(timeout: .seconds(30)) }
        try await pollUntil("a waiter") { pool.waiterCount == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiter.value }
        #expect(pool.waiterCount == 0)
    }

    @Test func closeFailsWaitersAndRefusesNewOnes() async throws {
        let pool = pool()
        _ = try await pool.acquire(timeout: .seconds(10))
        let waiter = Task { try await pool.acquire(timeout: .seconds(30)) }
        try await pollUntil("a waiter") { pool.waiterCount == 1 }
        #expect(pool.close().isEmpty)
        let error = try #require(await expectPostgresError { _ = try await waiter.value })
        #expect(error.kind == .poolClosed)
        let late = try #require(await expectPostgresError { _ = try await pool.acquire(timeout: .seconds(1)) })
        #expect(late.kind == .poolClosed)
    }

    func expectTimeout(_ pool: ConnectionPool, after timeout: Duration) async throws {
        let error = try #require(await expectPostgresError { _ = try await pool.acquire(timeout: timeout) })
        #expect(error.kind == .poolTimeout)
    }
}
