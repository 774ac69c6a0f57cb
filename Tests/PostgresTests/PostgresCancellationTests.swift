import Foundation
import InkwellPostgres
import TestSupport
import Testing

@Suite("Cancellation")
struct PostgresCancellationTests {
    @Test func cancellationAtAnyPointEndsEveryStatementAndLeaksNoConnection() async throws {
        let application = uniqueName("cancelmany")
        try await withClient(role: nil, poolSize: 2, applicationName: application) { client in
            let clock = ContinuousClock()
            let start = clock.now
            // More tasks than connections and threads: some are cancelled while waiting for a
            // connection, some while their statement is queued on the thread pool, some while it runs.
            let outcomes = await withTaskGroup(of: String.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let task = Task { try await client.execute("SELECT pg_sleep(60)") }
                        switch index % 4 {
                        case 0: break
                        case 1: await Task.yield()
                        default:
                            // Busy-wait a random few microseconds to milliseconds (no sleep: the point is the race).
                            let until = ContinuousClock.now + .microseconds(Int.random(in: 1...3_000))
                            while ContinuousClock.now < until { await Task.yield() }
                        }
                        task.cancel()
                        do {
                            _ = try await task.value
                            return "completed"
                        } catch is CancellationError {
                            return "cancelled"
                        } catch {
                            return "\(error)"
                        }
                    }
                }
                var all: [String] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.allSatisfy { $0 == "cancelled" }, "\(outcomes.filter { $0 != "cancelled" })")
            #expect(clock.now - start < .seconds(45), "no statement ran to its end (60 s each)")
            try await pollUntil("every lease to end") { client.connectionCounts.inUse == 0 }
            #expect(client.connectionCounts.idle <= 2)
            #expect(try await client.query("SELECT 3 AS three").first?.decode(column: "three", as: Int.self) == 3)
            // No backend of this client is still sleeping.
            try await withClient(role: nil, applicationName: uniqueName("watcher")) { admin in
                try await pollUntil("no sleeping statement left on the server", timeout: .seconds(5)) {
                    try await admin.query(
                        "SELECT count(*) AS c FROM pg_stat_activity WHERE application_name = \(application) AND state = 'active' AND query LIKE 'SELECT pg_sleep%'"
                    ).first?.decode(column: "c", as: Int.self) == 0
                }
            }
        }
    }

    /// The narrow windows: cancelled right after the statement was handed to the thread pool, or
    /// while it travels to the server (a cancel request that arrives first is ignored by it).
    @Test func cancellationRacingTheStartOfAStatementIsNeverLost() async throws {
        try await withClient(role: nil, poolSize: 2) { client in
            // A lost cancellation shows as a statement that runs its full 10 s; a slow machine
            // only makes each cancellation slower, so each is bounded, not the whole run.
            var outcomes: [String] = []
            for _ in 0..<25 {
                let pair = await withTaskGroup(of: String.self) { group in
                    for _ in 0..<2 {
                        group.addTask {
                            let clock = ContinuousClock()
                            let start = clock.now
                            let task = Task { try await client.execute("SELECT pg_sleep(10)") }
                            try? await Task.sleep(for: .microseconds(Int.random(in: 0...600)))
                            task.cancel()
                            let outcome: String
                            do {
                                _ = try await task.value
                                outcome = "completed"
                            } catch is CancellationError {
                                outcome = "cancelled"
                            } catch {
                                outcome = "\(error)"
                            }
                            return clock.now - start < .seconds(8) ? outcome : "ran to the end (\(outcome))"
                        }
                    }
                    var all: [String] = []
                    for await outcome in group { all.append(outcome) }
                    return all
                }
                outcomes += pair
            }
            #expect(outcomes.count == 50)
            #expect(outcomes.allSatisfy { $0 == "cancelled" }, "\(outcomes.filter { $0 != "cancelled" })")
            try await pollUntil("every lease to end") { client.connectionCounts.inUse == 0 }
            #expect(try await client.query("SELECT 4 AS four").first?.decode(column: "four", as: Int.self) == 4)
        }
    }

    @Test func aCancelledTransactionBodyDoesNotRunItsNextStatement() async throws {
        try await withClient(role: nil, poolSize: 1) { client in
            let task = Task {
                try await client.withTransaction { connection in
                    withUnsafeCurrentTask { $0?.cancel() }
                    _ = try await connection.query("SELECT pg_sleep(20)")
                }
            }
            let clock = ContinuousClock()
            let start = clock.now
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(clock.now - start < .seconds(15), "well before the 20 s statement ends")
            #expect(client.connectionCounts.inUse == 0)
        }
    }
}
