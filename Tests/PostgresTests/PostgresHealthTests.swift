import Foundation
import Glibc
import InkwellPostgres
import TestSupport
import Testing

@Suite("Readiness check")
struct PostgresHealthTests {
    /// A probe that answered must never be reported as timed out (its timer, cancelled, once
    /// raced the answer and won: a healthy database read as unavailable now and then).
    @Test func aHealthyDatabaseIsAlwaysReportedHealthy() async throws {
        try await withClient(role: nil) { client in
            var answers: [Bool] = []
            for _ in 0..<300 { answers.append(await client.ping()) }
            #expect(answers.allSatisfy { $0 }, "\(answers.filter { !$0 }.count) of 300 probes said unavailable")
        }
    }

    @Test func pingAnswersPromptlyWhileEveryPooledConnectionIsBusy() async throws {
        let application = uniqueName("busy")
        try await withClient(role: nil, poolSize: 2, applicationName: application) { client in
            try await withClient(role: nil, applicationName: uniqueName("watcher")) { admin in
                let sleepers = (0..<2).map { _ in Task { try await client.execute("SELECT pg_sleep(30)") } }
                // A third caller queues for a connection too: the pool is exhausted.
                let queued = Task { try await client.execute("SELECT 1") }
                try await pollUntil("both pooled connections to be busy") {
                    try await admin.query(
                        "SELECT count(*) AS c FROM pg_stat_activity WHERE application_name = \(application) AND state = 'active' AND query LIKE 'SELECT pg_sleep%'"
                    ).first?.decode(column: "c", as: Int.self) == 2
                }
                #expect(client.connectionCounts.inUse == 2)
                let clock = ContinuousClock()
                for _ in 0..<3 {
                    let start = clock.now
                    #expect(await client.ping())
                    #expect(clock.now - start < .seconds(4))  // a ping waiting behind the pool would time out (false, after 5 s) anyway
                }
                sleepers.forEach { $0.cancel() }
                queued.cancel()
                for sleeper in sleepers { _ = try? await sleeper.value }
                _ = try? await queued.value
            }
        }
    }

    @Test func pingAnswersFalseWithinItsBoundWhenTheServerRefuses() async throws {
        let refusing = try LoopbackSocket.refusingPort()
        defer { close(refusing.fd) }
        try await withClient(url: "postgres://nobody:pw@127.0.0.1:\(refusing.port)/none") { client in
            let clock = ContinuousClock()
            let start = clock.now
            #expect(await client.ping() == false)
            // A refusal is answered at once; the bound catches a hang, with room for a loaded runner
            // (a clean-clone run stalled both of these for 8.0 s while 680 tests ran at once).
            #expect(clock.now - start < .seconds(20))
        }
    }

    @Test func pingAnswersFalseWithinItsBoundWhenTheServerNeverAnswers() async throws {
        // Accepts TCP connections (kernel backlog) but never speaks: a hung server or a black hole.
        let silent = try LoopbackSocket.listen(backlog: 8)
        defer { close(silent.fd) }
        try await withClient(url: "postgres://nobody:pw@127.0.0.1:\(silent.port)/none", connectTimeout: .seconds(20)) { client in
            let clock = ContinuousClock()
            let start = clock.now
            #expect(await client.ping() == false)
            #expect(clock.now - start < .seconds(15), "bounded by the health-check timeout (5 s), not connectTimeout (20 s)")
            // A second ping while the first attempt may still be stuck is bounded too.
            let again = clock.now
            #expect(await client.ping() == false)
            #expect(clock.now - again < .seconds(15))
        }
    }
}
