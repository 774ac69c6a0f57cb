import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InkwellContracts
import InkwellCore
@testable import InkwellDataKit
@testable import InkwellEvents
import InkwellHTTPClient
import InkwellKafka
import InkwellPostgres
import InkwellServiceKit
import Logging
import ServiceContextModule
import TestSupport
import Testing

/// W3C trace context through a service with tracing off (no OTLP endpoint, the no-op tracer):
/// the caller's `traceparent` reaches the upstreams it calls and the events it publishes
/// unchanged, and `X-Request-Id` falls back to its trace id. (With tracing on, the spans and
/// the propagation between real processes are `TracingTests`' in IntegrationTests.)
@Suite struct TracePropagationTests {
    static let traceparentHeader = HTTPField.Name("traceparent")!
    static let incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    /// A test event of the users topic.
    struct PropagationNote: InkwellEvent, Equatable {
        static let type = "inkwell.test.propagation.v1"
        static let topic = EventTopic.users
        var k: String
        var key: String { k }
        var subject: String { k }
        var version: Int64 { 1 }
    }

    /// An upstream that answers with the `traceparent` it received (empty without), and a
    /// service (``Router/inkwell(bodyLimit:authentication:tracing:)``, tracing off) whose `/call`
    /// calls it with the shared ``HTTPClient`` and answers with what the upstream saw.
    func withServiceCallingUpstream(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let upstreamRouter = Router()
        upstreamRouter.get("/echo") { request, _ -> String in request.headers[Self.traceparentHeader] ?? "" }
        let http = HTTPClient(logger: Logger(label: "test"))
        try await Application(router: upstreamRouter, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { upstream in
            let port = try #require(upstream.port)
            let router = Router.inkwell()
            RouteTable(router: router).on("/call", .get) { _, _ -> String in
                let response = try await http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/echo"))
                return String(decoding: response.body, as: UTF8.self)
            }
            try await Application(router: router).test(.router, body)
        }
        await http.shutdown()
    }

    @Test func theCallersTraceparentReachesAnUpstreamUnchanged() async throws {
        try await withServiceCallingUpstream { client in
            let response = try await client.execute(uri: "/call", method: .get, headers: [Self.traceparentHeader: Self.incoming])
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == Self.incoming)
            // No client id: the trace id serves as the request id.
            #expect(response.headers[.requestId] == "4bf92f3577b34da6a3ce929d0e0e4736")
        }
    }

    @Test func aClientsRequestIdIsKeptBesideTheTrace() async throws {
        try await withServiceCallingUpstream { client in
            let response = try await client.execute(uri: "/call", method: .get, headers: [Self.traceparentHeader: Self.incoming, .requestId: "abc-123"])
            #expect(String(buffer: response.body) == Self.incoming)
            #expect(response.headers[.requestId] == "abc-123")
        }
    }

    @Test func withoutATraceparentNoneIsSentAndTheRequestIdIsNew() async throws {
        try await withServiceCallingUpstream { client in
            let first = try await client.execute(uri: "/call", method: .get)
            let second = try await client.execute(uri: "/call", method: .get)
            #expect(String(buffer: first.body) == "")
            let ids = [first.headers[.requestId], second.headers[.requestId]].compactMap { $0 }
            #expect(ids.count == 2 && ids[0] != ids[1])
            #expect(ids.allSatisfy { $0.utf8.count == 32 && Hex.isHex($0) })
        }
    }

    @Test func aMalformedTraceparentIsNotPassedOn() async throws {
        let malformed = [
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  // zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",  // zero parent id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // version ff
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  // upper case
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",  // no flags
            "garbage",
        ]
        try await withServiceCallingUpstream { client in
            for header in malformed {
                let response = try await client.execute(uri: "/call", method: .get, headers: [Self.traceparentHeader: header])
                #expect(String(buffer: response.body) == "", "\(header)")
                #expect(response.headers[.requestId]?.utf8.count == 32, "\(header)")
            }
        }
    }

    @Test func traceparentParsing() throws {
        let traceparent = try #require(Traceparent(Self.incoming))
        #expect(traceparent.value == Self.incoming)
        #expect(traceparent.traceId == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(Traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0") == nil)
    }

    @Test func offWithoutAnEndpoint() throws {
        let common = CommonConfiguration(serviceName: "blog", env: EnvironmentConfiguration(environment: ["KAFKA_BROKERS": "127.0.0.1:9092"]), defaultPort: 8082)
        #expect(!common.tracesExported)
        #expect(common.otelServiceName == "inkwell-blog")
        #expect(try OTLPTracing.bootstrap(common) == nil)  // and InstrumentationSystem is left alone
        let on = CommonConfiguration(serviceName: "blog", env: EnvironmentConfiguration(environment: [
            "KAFKA_BROKERS": "127.0.0.1:9092", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318", "OTEL_SERVICE_NAME": "blog-eu",
        ]), defaultPort: 8082)
        #expect(on.tracesExported)
        #expect(on.otelServiceName == "blog-eu")
        let env = EnvironmentConfiguration(environment: ["KAFKA_BROKERS": "127.0.0.1:9092", "OTEL_EXPORTER_OTLP_ENDPOINT": "not a url"])
        _ = CommonConfiguration(serviceName: "blog", env: env, defaultPort: 8082)
        #expect(throws: ConfigurationError.self) { try env.validate() }
    }

    /// A request's event: the outbox row, its CloudEvent and the Kafka record the relay makes of
    /// it carry the caller's `traceparent`.
    @Test func theCallersTraceparentGoesIntoTheEventsOfTheRequest() async throws {
        let database = try await TestDatabase.create(prefix: "tracing")
        let postgres = PostgresClient(configuration: try PostgresConfiguration(url: try database.url(role: "users"), poolSize: 2), logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await postgres.run() }
            try await Migrator(client: postgres, schema: "users", migrations: PlatformMigrations.all, logger: Logger(label: "test")).migrate()
            let units = UnitOfWorkRunner(postgres: postgres, relaySignal: WakeSignal(), topicPrefix: "")
            let router = Router.inkwell()
            RouteTable(router: router).on("/publish", .post) { _, _ -> HTTPResponse.Status in
                try await units.withUnitOfWork { tx in try await tx.publish(PropagationNote(k: "k1")) }
                return .noContent
            }
            try await Application(router: router).test(.router) { client in
                let response = try await client.execute(uri: "/publish", method: .post, headers: [Self.traceparentHeader: Self.incoming])
                #expect(response.status == .noContent)
            }
            let row = try #require(try await postgres.query("SELECT traceparent, payload FROM outbox").first)
            #expect(try row.decode(column: "traceparent", as: String?.self) == Self.incoming)
            let event = try InkwellJSON.decoder.decode(CloudEvent<PropagationNote>.self, from: Data(try row.decode(column: "payload", as: String.self).utf8))
            #expect(event.traceparent == Self.incoming)
            let record = OutboxRelay.record(OutboxRow(id: 1, topic: "users.events", key: "k1", eventType: PropagationNote.type, payload: "{}", traceparent: Self.incoming))
            #expect(record.headers.first { $0.key == "traceparent" }.map { String(decoding: $0.value, as: UTF8.self) } == Self.incoming)
            group.cancelAll()
        }
    }
}
