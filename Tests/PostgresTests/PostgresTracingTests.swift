import Foundation
import InMemoryTracing
import InkwellCore
@testable import InkwellPostgres
import ServiceContextModule
import Testing
import Tracing

/// Spans of statements and transactions, with a tracer bound to the test's task (swift-distributed-tracing's
/// in-memory one): only inside traced work, `db.system=postgresql`, the statement's text without its values.
@Suite struct PostgresTracingTests {
    static let traced: ServiceContext = {
        var context = ServiceContext.topLevel
        context.forwardedTraceparent = Traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        return context
    }()

    @Test func aStatementSpanHasTheTextWithoutValues() async throws {
        let tracer = InMemoryTracer()
        try await withClient { client in
            try await withTracer(tracer) {
                try await ServiceContext.withValue(Self.traced) {
                    let secret = "s3cret-value"
                    _ = try await client.query("SELECT \(secret)::text AS v, \(42)::int4 AS n")
                }
            }
        }
        let span = try #require(tracer.finishedSpans.first { $0.operationName == "SELECT" })
        #expect(span.kind == .client)
        #expect(span.attributes["db.system"]?.toSpanAttribute() == .string("postgresql"))
        #expect(span.attributes["db.statement"]?.toSpanAttribute() == .string("SELECT $1::text AS v, $2::int4 AS n"))
    }

    @Test func aTransactionSpanParentsItsStatements() async throws {
        let tracer = InMemoryTracer()
        try await withClient { client in
            try await withTracer(tracer) {
                try await ServiceContext.withValue(Self.traced) {
                    try await client.withTransaction { connection in
                        _ = try await connection.query("SELECT 1 AS one")
                        _ = try await connection.execute("SELECT 2 AS two")
                    }
                }
            }
        }
        let spans = tracer.finishedSpans
        let transaction = try #require(spans.first { $0.operationName == "postgresql transaction" })
        let statements = spans.filter { $0.operationName == "SELECT" }
        #expect(statements.count == 2)
        #expect(statements.allSatisfy { $0.parentSpanID == transaction.spanID && $0.traceID == transaction.traceID })
    }

    @Test func noSpanOutsideTracedWork() async throws {
        let tracer = InMemoryTracer()
        try await withClient { client in
            try await withTracer(tracer) {
                _ = try await client.query("SELECT 1 AS one")
                try await client.withTransaction { connection in _ = try await connection.query("SELECT 1 AS one") }
            }
        }
        #expect(tracer.finishedSpans.isEmpty)
    }

    @Test func operationNames() {
        #expect(PostgresClient.operationName("select 1") == "SELECT")
        #expect(PostgresClient.operationName("\n  INSERT INTO t VALUES ($1)") == "INSERT")
        #expect(PostgresClient.operationName("WITH x AS (SELECT 1) SELECT * FROM x") == "WITH")
        #expect(PostgresClient.operationName("") == "postgresql")
        #expect(PostgresClient.operationName("(SELECT 1)") == "postgresql")
    }
}
