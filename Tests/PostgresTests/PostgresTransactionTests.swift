import Foundation
import InkwellPostgres
import TestSupport
import Testing

struct Boom: Error {}

@Suite("Transactions")
struct PostgresTransactionTests {
    @Test func throwingBodyRollsBackEverything() async throws {
        try await withClient { client in
            let table = uniqueName("rollback")
            try await client.execute("CREATE TABLE \(identifier: table) (n int)")
            await #expect(throws: Boom.self) {
                try await client.withTransaction { connection in
                    try await connection.execute("INSERT INTO \(identifier: table) VALUES (\(Int32(1)))")
                    try await connection.execute("INSERT INTO \(identifier: table) VALUES (\(Int32(2)))")
                    throw Boom()
                }
            }
            #expect(try await client.query("SELECT count(*) AS c FROM \(identifier: table)").first?.decode(column: "c", as: Int.self) == 0)
            let committed = try await client.withTransaction { connection in
                try await connection.execute("INSERT INTO \(identifier: table) VALUES (\(Int32(3)))")
            }
            #expect(committed == 1)
            #expect(try await client.query("SELECT count(*) AS c FROM \(identifier: table)").first?.decode(column: "c", as: Int.self) == 1)
        }
    }

    @Test func aConnectionLeftInATransactionIsRolledBackOnCheckin() async throws {
        try await withClient(poolSize: 1) { client in
            let table = uniqueName("leftopen")
            try await client.execute("CREATE TABLE \(identifier: table) (n int)")
            let pid = try await client.withConnection { connection in
                try await connection.executeScript("BEGIN")
                try await connection.execute("INSERT INTO \(identifier: table) VALUES (\(Int32(1)))")
                return try await connection.query("SELECT pg_backend_pid() AS pid").first!.decode(column: "pid", as: Int32.self)
            }
            // Same (only) connection, reused: not in a transaction any more, and the insert is gone.
            let row = try #require(try await client.query(
                "SELECT count(*) AS c, pg_backend_pid() AS pid, pg_current_xact_id_if_assigned() IS NULL AS fresh FROM \(identifier: table)").first)
            #expect(try row.decode(column: "c", as: Int.self) == 0)
            #expect(try row.decode(column: "pid", as: Int32.self) == pid)
            #expect(try row.decode(column: "fresh", as: Bool.self))
        }
    }

    @Test func serializationFailuresAreRetried() async throws {
        try await withClient(poolSize: 4) { client in
            let table = uniqueName("serial")
            try await client.execute("CREATE TABLE \(identifier: table) (who text)")
            let firstAttemptReads = TestCounter()
            let bodyRuns = TestCounter()

            // Classic write skew: both read the whole table, then insert. Under SERIALIZABLE one of
            // the two must fail with 40001 and be retried by withTransaction.
            @Sendable func transfer(_ who: String) async throws -> Int {
                try await client.withTransaction(isolation: .serializable, maxAttempts: 5) { connection in
                    let run = bodyRuns.increment()
                    let seen = try await connection.query("SELECT count(*) AS c FROM \(identifier: table)").first!.decode(column: "c", as: Int.self)
                    if seen == 0, run <= 2 {
                        // First attempts: wait until the other transaction has read too, so they overlap.
                        firstAttemptReads.increment()
                        try await pollUntil("both transactions to have read", timeout: .seconds(10)) { firstAttemptReads.current >= 2 }
                    }
                    try await connection.execute("INSERT INTO \(identifier: table) (who) VALUES (\(who))")
                    return seen
                }
            }
            async let a = transfer("a")
            async let b = transfer("b")
            let seen = try await [a, b].sorted()
            #expect(seen == [0, 1], "the retried transaction saw the other's row")
            #expect(bodyRuns.current == 3, "one body ran twice")
            let rows = try await client.query("SELECT who FROM \(identifier: table) ORDER BY who")
            #expect(try rows.map { try $0.decode(column: "who", as: String.self) } == ["a", "b"])
        }
    }

    @Test func retriesStopAtMaxAttempts() async throws {
        try await withClient { client in
            let runs = TestCounter()
            let error = try #require(await expectPostgresError {
                _ = try await client.withTransaction(maxAttempts: 2) { connection in
                    runs.increment()
                    try await connection.execute("DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '40001'; END $$")
                }
            })
            #expect(error.kind == .serializationFailure)
            #expect(runs.current == 2)
        }
    }
}
