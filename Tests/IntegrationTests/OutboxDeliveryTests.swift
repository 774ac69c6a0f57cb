import InkwellContracts
import Foundation
import InkwellHTTPClient
import InkwellKafka
import InkwellPostgres
import Testing
import TestSupport

/// The outbox end to end: registrations answer while the broker is down, and every event arrives
/// once it is back, as a CloudEvent with the headers EVENTS.md promises.
@Suite struct OutboxDeliveryTests {
    @Test func registrationsSurviveABrokerOutageAndEveryEventArrives() async throws {
        let bootstrapFile = try TestEnvironment.scratchDirectory("broker").appendingPathComponent("bootstrap")
        let broker = try ChildProcess(binary: "inkwell-devbroker", arguments: ["--bootstrap-file", bootstrapFile.path], name: "outbox-broker")
        let brokers = try await poll("the development broker's bootstrap file", timeout: .seconds(20)) {
            (try? String(contentsOf: bootstrapFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        }
        // Registration hashes a password: with every suite's stack busy at once, give it time.
        let stack = try await ServiceStack.start(brokers: brokers, upstreamTimeoutMs: 15_000)
        defer { Task { await stack.stop(); await broker.stop() } }

        broker.signal(SIGSTOP)
        let names = (0..<200).map { _ in uniqueUsername("o") }
        // A traced client: its traceparent goes into every event (tracing off: forwarded unchanged).
        let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (i, name) in names.enumerated() {
                if i >= 8 { _ = try await group.next() }
                group.addTask {
                    let response = try await stack.request(
                        "POST", "/api/v1/auth/register", json: #"{"email": "\#(name)@example.org", "username": "\#(name)", "password": "0123456789ab"}"#,
                        headers: [HTTPHeader(name: "traceparent", value: traceparent)])
                    #expect(response.status == 201, "\(response.text)")
                    return response.status
                }
            }
            for try await _ in group {}
        }
        // The outage is real: the relay's sends time out and the rows wait, unsent, in the outbox.
        let adminURL = try stack.database.adminURL()
        try await pollUntil("the relay to record a failed publish", timeout: .seconds(60), interval: .milliseconds(250)) {
            try await TestDatabase.withClient(url: adminURL) { postgres in
                try await postgres.query("SELECT count(*)::int8 AS n FROM users.outbox WHERE last_error IS NOT NULL AND sent_at IS NULL")
                    .first?.decode(column: "n", as: Int64.self) ?? 0 > 0
            }
        }
        broker.signal(SIGCONT)

        let expected = Set(names)
        let records = try await collectRecords(brokers: brokers, topic: stack.topicPrefix + "users.events", timeout: .seconds(90)) { records in
            Set(records.compactMap { ($0.json["data"] as? [String: Any])?["username"] as? String }).isSuperset(of: expected)
        }
        let events = records.map(\.json)
        let usernames = Set(events.compactMap { ($0["data"] as? [String: Any])?["username"] as? String })
        #expect(usernames == Set(names))
        for (record, event) in zip(records, events) {
            let data = event["data"] as? [String: Any] ?? [:]
            #expect(event["specversion"] as? String == "1.0")
            #expect(event["type"] as? String == "inkwell.users.user.registered.v1")
            #expect(event["source"] as? String == "inkwell/users")
            #expect(event["datacontenttype"] as? String == "application/json")
            #expect((event["time"] as? String)?.hasSuffix("Z") == true)
            #expect(event["subject"] as? String == data["userId"] as? String)
            #expect(record.keyString == data["userId"] as? String, "the record key is the user id")
            #expect(data["version"] as? Int == 1)
            #expect(record.headerString("content-type") == "application/cloudevents+json")
            #expect(record.headerString("ce_type") == "inkwell.users.user.registered.v1")
            #expect(record.headerString("traceparent") == traceparent)
            #expect(event["traceparent"] as? String == traceparent)
            #expect(!String(decoding: record.value, as: UTF8.self).contains("@example.org"), "no email in events")
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
