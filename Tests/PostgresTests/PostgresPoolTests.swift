import Foundation
import InkwellPostgres
import TestSupport
import Testing

@Suite("Connection pool")
struct PostgresPoolTests {
    @Test func fiftyConcurrentQueriesShareFourConnections() async throws {
        let application = uniqueName("pool")
        try await withClient(role: nil, poolSize: 4, applicationName: application) { client in
            // Each query sleeps a little and counts this client's sessions as the server sees them.
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let rows = try await client.query(
                            """
                            SELECT (SELECT count(*) FROM pg_stat_activity WHERE application_name = \(application)) AS sessions,
                                   pg_sleep(0.02) IS NULL AS slept
                            """)
                        return try rows.first!.decode(column: "sessions", as: Int.self)
                    }
                }
                var all: [Int] = []
                for try await count in group { all.append(count) }
                return all
            }
            #expect(counts.count == 50)
            #expect(counts.max()! <= 4, "never more than poolSize sessions: \(counts)")
            #expect(counts.max()! >= 2, "queries ran in parallel: \(counts)")
            #expect(client.connectionCounts.inUse == 0)
            #expect(client.connectionCounts.idle <= 4)
        }
    }

    @Test func checkoutTimesOutWhenThePoolIsExhausted() async throws {
        try await withClient(poolSize: 1, checkoutTimeout: .milliseconds(200)) { client in
            let holding = TestCounter()
            let release = TestCounter()
            async let holder: Void = client.withConnection { connection in
                holding.increment()
                try await pollUntil("the test to release the connection", timeout: .seconds(20)) { release.current > 0 }
                _ = try await connection.query("SELECT 1")
            }
            try await pollUntil("the connection to be held") { holding.current > 0 }
            let clock = ContinuousClock()
            let start = clock.now
            let error = try #require(await expectPostgresError { _ = try await client.query("SELECT 1") })
            #expect(error.kind == .poolTimeout)
            #expect(clock.now - start < .seconds(10))
            release.increment()
            try await holder
            #expect(try await client.query("SELECT 1 AS one").first?.decode(column: "one", as: Int.self) == 1)
        }
    }

    @Test func aQueryKilledMidFlightThrowsConnectionLostAndThePoolRecovers() async throws {
        let application = uniqueName("killed")
        try await withClient(role: nil, poolSize: 2, applicationName: application) { client in
            try await withClient(role: nil, applicationName: uniqueName("killer")) { admin in
                let sleeper = Task { try await client.execute("SELECT pg_sleep(30)") }
                try await pollUntil("the sleeping query to show up") {
                    let rows = try await admin.query(
                        "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = \(application) AND query LIKE 'SELECT pg_sleep%'")
                    return !rows.isEmpty
                }
                let error = try #require(await expectPostgresError { _ = try await sleeper.value })
                #expect(error.kind == .connectionLost)
                #expect(client.connectionCounts.inUse == 0)
                #expect(try await client.query("SELECT 1 AS one").first?.decode(column: "one", as: Int.self) == 1)
            }
        }
    }

    @Test func cancellingTheTaskCancelsTheStatement() async throws {
        let application = uniqueName("cancel")
        try await withClient(role: nil, poolSize: 1, applicationName: application) { client in
            try await withClient(role: nil, applicationName: uniqueName("watcher")) { admin in
                let task = Task { try await client.execute("SELECT pg_sleep(30)") }
                try await pollUntil("the sleeping query to show up") {
                    try await !admin.query(
                        "SELECT 1 FROM pg_stat_activity WHERE application_name = \(application) AND state = 'active' AND query LIKE 'SELECT pg_sleep%'").isEmpty
                }
                let clock = ContinuousClock()
                let start = clock.now
                task.cancel()
                await #expect(throws: CancellationError.self) { try await task.value }
                #expect(clock.now - start < .seconds(10))
                #expect(try await client.query("SELECT 2 AS two").first?.decode(column: "two", as: Int.self) == 2)
            }
        }
    }

    @Test func shutdownRejectsNewWork() async throws {
        let client = PostgresClient(configuration: try PostgresConfiguration(url: try databaseURL(role: "users"), poolSize: 2), logger: testLogger())
        #expect(await client.ping())
        await client.shutdown()
        #expect(await client.ping() == false)
        let error = try #require(await expectPostgresError { _ = try await client.query("SELECT 1") })
        #expect(error.kind == .poolClosed)
        await client.shutdown()  // idempotent
    }
}
