import Foundation
import InkwellContracts
import InkwellCore
import InkwellEventStream
import InkwellKafka
import Logging
import Synchronization
import Testing
import TestSupport

/// The database-less consumer against the test broker.
@Suite struct EventStreamConsumerTests {
    /// Runs a consumer with `handlers` over a topic of its own, after `produce` filled it.
    func run(
        handlers: EventHandlers<KafkaMessage>,
        produce: @Sendable (_ send: @Sendable ([UInt8], String) async throws -> Void) async throws -> Void,
        _ body: @Sendable () async throws -> Void
    ) async throws {
        let logger = Logger(label: "test.stream")
        let brokers = try TestEnvironment.kafkaBrokers()
        let topic = "t\(UUID().uuidString.prefix(8).lowercased()).stream"
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(brokers: brokers, clientId: "test-stream"), logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await producer.run() }
            try await produce { value, key in _ = try await producer.send(topic: topic, key: Array(key.utf8), value: value) }
            let consumer = try KafkaConsumer(configuration: KafkaConsumerConfiguration(brokers: brokers, groupId: "test-\(topic)", topics: [topic]), logger: logger)
            let stream = EventStreamConsumer(
                consumer: consumer, handlers: handlers,
                retry: RetryPolicy(maxAttempts: 2, initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(10), jitter: 0), logger: logger)
            group.addTask { try await stream.run() }
            try await body()
            group.cancelAll()
        }
    }

    func ping(_ aggregate: String, _ version: Int64, _ tag: String) throws -> [UInt8] {
        Array(try InkwellJSON.encoder.encode(CloudEvent(Ping(aggregate: aggregate, version: version, tag: tag))))
    }

    @Test func staleAndRepeatedVersionsAreDroppedPoisonAndFailuresDoNotBlock() async throws {
        let applied = Mutex<[String]>([])
        let attempts = Mutex<Int>(0)
        var handlers = EventHandlers<KafkaMessage>()
        handlers.on(Ping.self) { event, message in
            if event.data.tag == "broken" {
                attempts.withLock { $0 += 1 }
                throw HandlerBroken()
            }
            #expect(message.topic.hasSuffix(".stream"), "the record is the context")
            applied.withLock { $0.append("\(event.data.aggregate)@\(event.data.version)") }
        }
        try await run(handlers: handlers) { send in
            try await send(ping("a", 1, "ok"), "a")
            try await send(ping("a", 2, "ok"), "a")
            try await send(ping("a", 2, "repeat"), "a")  // another event id, same version
            try await send(ping("a", 1, "stale"), "a")
            try await send(Array("poison".utf8), "a")
            try await send(ping("a", 3, "broken"), "a")  // fails every try: dropped after 2
            try await send(ping("b", 1, "ok"), "a")  // another aggregate behind the same key
            try await send(ping("a", 3, "ok"), "a")  // the broken version was never applied
            try await send(ping("a", 4, "ok"), "a")
        } _: {
            try await pollUntil("the last event", timeout: .seconds(60), interval: .milliseconds(100)) { applied.withLock { $0.contains("a@4") } }
            #expect(applied.withLock { $0 } == ["a@1", "a@2", "b@1", "a@3", "a@4"])
            #expect(attempts.withLock { $0 } == 2)
        }
    }

    struct HandlerBroken: Error {}
}
