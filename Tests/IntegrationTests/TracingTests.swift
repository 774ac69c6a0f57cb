import Foundation
import InkwellHTTPClient
import Testing
import TestSupport

/// Tracing of the stack with `OTEL_EXPORTER_OTLP_ENDPOINT` set, against a test OTLP/HTTP
/// receiver (JSON encoding): a composed read through the gateway is one trace from the gateway
/// through the services to the database, and an event's consumer continues the trace of the
/// request that caused the event.
@Suite(.serialized) struct TracingTests {
    static func tracingEnvironment(_ receiver: OTLPReceiver) -> [String: String] {
        [
            "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint,
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
            // Small batches, sent often: the test waits for them.
            "OTEL_BSP_SCHEDULE_DELAY": "100",
        ]
    }

    static func newTraceId() -> String {
        (0..<4).map { _ in
            let part = String(UInt32.random(in: 1...UInt32.max), radix: 16)
            return String(repeating: "0", count: 8 - part.count) + part
        }.joined()
    }

    /// Whether `span` descends from the span `ancestor` (through the spans received).
    static func descends(_ span: OTLPReceiver.ReceivedSpan, from ancestor: String, in spans: [String: OTLPReceiver.ReceivedSpan]) -> Bool {
        var parent = span.parentSpanId
        var steps = 0
        while let id = parent, steps < 64 {
            if id == ancestor { return true }
            parent = spans[id]?.parentSpanId
            steps += 1
        }
        return false
    }

    @Test func aComposedReadIsOneTraceFromTheGatewayThroughTheServicesToTheDatabase() async throws {
        let receiver = try OTLPReceiver()
        defer { receiver.stop() }
        let stack = try await ServiceStack.start(commonEnvironment: Self.tracingEnvironment(receiver))
        defer { Task { await stack.stop() } }
        let author = try await stack.account(prefix: "t", roles: ["reader", "author"])

        let traceId = Self.newTraceId()
        let callerSpan = "00f067aa0ba902b7"
        let profile = try await stack.request("GET", "/api/v1/users/\(author.username)", headers: [HTTPHeader(name: "traceparent", value: "00-\(traceId)-\(callerSpan)-01")])
        #expect(profile.status == 200, "\(profile.text)")
        #expect(profile.header("X-Request-Id") == traceId, "the trace id serves as the request id")

        func serverSpan(_ service: String, in spans: [OTLPReceiver.ReceivedSpan]) -> OTLPReceiver.ReceivedSpan? {
            spans.first { $0.service == "inkwell-\(service)" && $0.kind == 2 }
        }
        func databaseSpan(_ service: String, in spans: [OTLPReceiver.ReceivedSpan]) -> OTLPReceiver.ReceivedSpan? {
            spans.first { $0.service == "inkwell-\(service)" && $0.attributes["db.system"] == "postgresql" && $0.attributes["db.statement"] != nil }
        }
        var trace: [OTLPReceiver.ReceivedSpan] = []
        try await pollUntil("the trace's spans of the gateway, users, blog and their statements", timeout: .seconds(30), interval: .milliseconds(100)) {
            trace = receiver.spans.filter { $0.traceId == traceId }
            return serverSpan("gateway", in: trace) != nil && serverSpan("users", in: trace) != nil && serverSpan("blog", in: trace) != nil
                && databaseSpan("users", in: trace) != nil && databaseSpan("blog", in: trace) != nil
        }
        let byId = Dictionary(trace.map { ($0.spanId, $0) }) { first, _ in first }
        let gateway = try #require(serverSpan("gateway", in: trace))
        #expect(gateway.parentSpanId == callerSpan, "the gateway continues the caller's span")
        #expect(gateway.name.contains("/api/v1/users/"), "named after the route: \(gateway.name)")
        for service in ["users", "blog"] {
            let server = try #require(serverSpan(service, in: trace))
            let call = try #require(server.parentSpanId.flatMap { byId[$0] }, "\(service)'s span has a parent received: \(trace)")
            #expect(call.service == "inkwell-gateway" && call.kind == 3, "\(service) is called by a gateway client span: \(call)")
            #expect(Self.descends(call, from: gateway.spanId, in: byId), "the call is inside the gateway's request")
            let statement = try #require(databaseSpan(service, in: trace))
            #expect(Self.descends(statement, from: server.spanId, in: byId), "\(service)'s statement is inside its request")
            #expect(statement.kind == 3)
        }
        // Statements without their values: the username travels as a placeholder.
        #expect(!trace.contains { $0.attributes["db.statement"]?.contains(author.username) == true })
    }

    @Test func theConsumersSpanOfAnEventContinuesTheRequestThatCausedIt() async throws {
        let receiver = try OTLPReceiver()
        defer { receiver.stop() }
        let stack = try await ServiceStack.start(commonEnvironment: Self.tracingEnvironment(receiver))
        defer { Task { await stack.stop() } }
        let author = try await stack.account(prefix: "c", roles: ["reader", "author"])

        let traceId = Self.newTraceId()
        let created = try await stack.request(
            "POST", "/api/v1/posts", json: #"{"title": "Traced \#(UUID().uuidString.prefix(6))", "body": "Hello", "status": "published"}"#,
            headers: author.auth + [HTTPHeader(name: "traceparent", value: "00-\(traceId)-00f067aa0ba902b7-01")])
        try #require(created.status == 201, "\(created.text)")

        var trace: [OTLPReceiver.ReceivedSpan] = []
        // The comments consumer's first group join takes a few seconds on a new stack.
        try await pollUntil("the comments service's consumer span of post.published in the request's trace", timeout: .seconds(60), interval: .milliseconds(100)) {
            trace = receiver.spans.filter { $0.traceId == traceId }
            let all = Dictionary(trace.map { ($0.spanId, $0) }) { first, _ in first }
            guard let request = trace.first(where: { $0.service == "inkwell-blog" && $0.kind == 2 }) else { return false }
            return trace.contains { $0.service == "inkwell-comments" && $0.kind == 5 && Self.descends($0, from: request.spanId, in: all) }
        }
        let byId = Dictionary(trace.map { ($0.spanId, $0) }) { first, _ in first }
        let request = try #require(trace.first { $0.service == "inkwell-blog" && $0.kind == 2 })
        let consumer = try #require(trace.first { $0.service == "inkwell-comments" && $0.kind == 5 })
        #expect(consumer.name.hasSuffix("blog.events process"), "\(consumer.name)")
        #expect(consumer.attributes["cloudevents.event_type"]?.contains("post.published") == true, "\(consumer.attributes)")
        #expect(Self.descends(consumer, from: request.spanId, in: byId), "the consumer's span descends from the blog's request span: \(trace)")
        // The relay's publish span is in the trace too, and the consumer's own statements are inside its span.
        #expect(trace.contains { $0.service == "inkwell-blog" && $0.kind == 4 && $0.name.hasSuffix("blog.events publish") })
        try await pollUntil("the consumer's statements", timeout: .seconds(10), interval: .milliseconds(100)) {
            let spans = receiver.spans.filter { $0.traceId == traceId }
            let all = Dictionary(spans.map { ($0.spanId, $0) }) { first, _ in first }
            return spans.contains { $0.service == "inkwell-comments" && $0.attributes["db.system"] == "postgresql" && Self.descends($0, from: consumer.spanId, in: all) }
        }
    }
}
