import Foundation
import InkwellContracts
import InkwellCore
import InkwellEvents
import InkwellPostgres
import ServiceContextModule
import Testing
import TestSupport

/// The writers' unit of work: the outbox row it writes, and the relay's wake-up after commit only.
@Suite struct UnitOfWorkTests {
    struct Rollback: Error {}

    @Test func publishWritesTheCloudEventAndSignalsAfterCommitOnly() async throws {
        let url = try await outboxDatabase()
        let postgres = try pool(url, size: 2)
        let signal = WakeSignal()
        let units = UnitOfWorkRunner(postgres: postgres, relaySignal: signal, topicPrefix: "pfx.")
        let clock = ContinuousClock()
        try await withServices([postgres]) {
            // Rolled back: no row, no signal (the wait runs into its timeout).
            await #expect(throws: Rollback.self) {
                try await units.withUnitOfWork { tx in
                    try await tx.publish(RelayNote(k: "k1", n: 0))
                    throw Rollback()
                }
            }
            #expect(try await count(postgres, "SELECT count(*)::int8 AS n FROM outbox") == 0)
            var start = clock.now
            await signal.wait(timeout: .milliseconds(300))
            #expect(clock.now - start >= .milliseconds(250), "no signal after a rollback")

            var context = ServiceContext.topLevel
            let trace = try #require(Traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
            context.forwardedTraceparent = trace
            try await ServiceContext.withValue(context) {
                try await units.withUnitOfWork { tx in try await tx.publish(RelayNote(k: "k1", n: 1)) }
            }
            start = clock.now
            await signal.wait(timeout: .seconds(10))
            #expect(clock.now - start < .seconds(5), "signalled after the commit")

            let row = try #require(try await postgres.query("SELECT event_id, topic, record_key, event_type, payload, traceparent FROM outbox").first)
            #expect(try row.decode(column: "topic", as: String.self) == "pfx.users.events")
            #expect(try row.decode(column: "record_key", as: String.self) == "k1")
            #expect(try row.decode(column: "event_type", as: String.self) == RelayNote.type)
            #expect(try row.decode(column: "traceparent", as: String?.self) == trace.value)
            let event = try InkwellJSON.decoder.decode(CloudEvent<RelayNote>.self, from: Data(try row.decode(column: "payload", as: String.self).utf8))
            #expect(event.id == (try row.decode(column: "event_id", as: UUID.self)).uuidString.lowercased())
            #expect(event.source == "inkwell/users")
            #expect(event.type == RelayNote.type)
            #expect(event.subject == "k1")
            #expect(event.traceparent == trace.value)
            #expect(event.data == RelayNote(k: "k1", n: 1))
            #expect(event.id.dropFirst(14).first == "7", "a UUIDv7")
        }
    }
}
