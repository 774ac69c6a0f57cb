import Foundation
import InkwellContracts
import InkwellCore
import InkwellEventStream
import InkwellKafka
import Synchronization
import Testing

/// Routing and decoding, without I/O.
@Suite struct EventHandlersTests {
    func encoded<Payload>(_ event: CloudEvent<Payload>) throws -> [UInt8] { Array(try InkwellJSON.encoder.encode(event)) }

    @Test func aRegisteredTypeIsDecodedAndItsHandlersRunInOrder() async throws {
        let calls = Mutex<[String]>([])
        var handlers = EventHandlers<Int>()
        handlers.on(Ping.self) { event, context in calls.withLock { $0.append("first \(event.data.tag) \(context)") } }
        handlers.on(Ping.self) { event, _ in calls.withLock { $0.append("second \(event.data.tag)") } }
        #expect(handlers.eventTypes == [Ping.type])

        let id = UUID()
        guard case .event(let event) = handlers.decode(try encoded(CloudEvent(Ping(aggregate: "p1", version: 7, tag: "x"), id: id))) else {
            Issue.record("not decoded as an event")
            return
        }
        #expect(event.id == id && event.type == Ping.type)
        #expect(event.aggregate == "blog.events/p1")
        #expect(event.version == 7)
        try await event.apply(42)
        #expect(calls.withLock { $0 } == ["first x 42", "second x"])
    }

    @Test func anUnknownTypeIsUnhandled() throws {
        let handlers = EventHandlers<Void>()
        guard case .unhandled(let type) = handlers.decode(try encoded(CloudEvent(Ping(aggregate: "p", version: 1, tag: "")))) else {
            Issue.record("expected unhandled")
            return
        }
        #expect(type == Ping.type)
    }

    @Test func recordsThatCannotBeAppliedArePoison() throws {
        var handlers = EventHandlers<Void>()
        handlers.on(Ping.self) { _, _ in }
        let cases: [(String, String)] = [
            ("", "not a CloudEvent"),
            ("[1,2]", "not a CloudEvent"),
            (#"{"specversion":"1.0","id":"nope","source":"s","type":"\#(Ping.type)"}"#, "event id"),
            (#"{"specversion":"1.0","id":"\#(UUID().uuidString)","source":"s","type":"\#(Ping.type)","subject":"x","time":"t","data":{"version":"one"}}"#, "data does not match"),
        ]
        for (value, reason) in cases {
            guard case .poison(let poison) = handlers.decode(Array(value.utf8)) else {
                Issue.record("\(value) not poison")
                continue
            }
            #expect(poison.reason.hasPrefix(reason), "\(value): \(poison.reason)")
        }
    }

    @Test func everyReplicaGetsAGroupOfItsOwnReadingFromTheEnd() {
        let a = KafkaConsumerConfiguration.everyReplica(brokers: "localhost:9092", groupPrefix: "gateway-cache", topics: ["blog.events"])
        let b = KafkaConsumerConfiguration.everyReplica(brokers: "localhost:9092", groupPrefix: "gateway-cache", topics: ["blog.events"])
        #expect(a.groupId != b.groupId)
        #expect(a.groupId.hasPrefix("gateway-cache-"))
        #expect(a.autoOffsetReset == .latest)
    }
}
