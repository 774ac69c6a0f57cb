import Foundation
import InkwellContracts
import InkwellCore
import InkwellKafka
import Logging
import ServiceLifecycle
import Synchronization

/// Incremental regeneration (PAGES.md): consumes the three topics in the shared group
/// `gateway` and re-renders only the pages the events affect (``PageImpact``), from the
/// services' current state. At start it rebuilds the whole site once (which also learns which
/// users each post page shows).
///
/// Bursts are coalesced: the records that arrived while a pass ran, or within ``coalescing``
/// of the first one, are one pass that renders each affected page once. At-least-once: a
/// pass's offsets are stored only after its pages are written; a failed pass is retried whole
/// (rendering is idempotent), so a restart re-applies at most the passes in flight.
public final class PagesConsumer: Service, Sendable {
    /// How long a pass waits for more records after the first one.
    static let coalescing: Duration = .milliseconds(15)
    /// The most records one pass takes.
    static let maxBatch = 500

    let consumer: KafkaConsumer
    let builder: SiteBuilder
    let directoryRoot: String?
    let logger: Logger
    private let inbox = Mutex<[KafkaMessage]>([])
    private let arrived = WakeSignal()

    public init(consumer: KafkaConsumer, builder: SiteBuilder, directoryRoot: String?, logger: Logger) {
        self.consumer = consumer
        self.builder = builder
        self.directoryRoot = directoryRoot
        self.logger = logger
    }

    /// The consumer configuration of the gateway's page renderer: the group `gateway` within the
    /// topic prefix's namespace, as the services' groups are (prefix + service name), so that
    /// deployments sharing a cluster under different prefixes never rebalance each other.
    /// `fetch.wait.max.ms` 10 (as the cache's invalidation reader): with librdkafka's 500 ms, a
    /// record that arrived on a quiet partition waited for the fetch in flight to expire
    /// (comment-to-page p50 390 ms).
    public static func configuration(brokers: String, topicPrefix: String) -> KafkaConsumerConfiguration {
        KafkaConsumerConfiguration(
            brokers: brokers, groupId: topicPrefix + "gateway", topics: EventTopic.allCases.map { $0.name(prefix: topicPrefix) },
            autoOffsetReset: .earliest,
            extra: ["client.id": "inkwell-gateway-pages", "auto.commit.interval.ms": "200", "fetch.wait.max.ms": "10"]
        )
    }

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.consumer.run() }
            group.addTask {
                for try await message in self.consumer.messages {
                    self.inbox.withLock { $0.append(message) }
                    self.arrived.signal()
                }
            }
            group.addTask { try await cancelWhenGracefulShutdown { try await self.renderLoop() } }
            try await group.next()
            group.cancelAll()
        }
    }

    func renderLoop() async throws {
        var model = try await retrying("rebuild") {
            try await builder.rebuild(directoryRoot: directoryRoot, call: .background(logger: logger)).model
        }
        logger.info("pages rebuilt", metadata: ["posts": "\(model.ordered.count)"])
        while !Task.isCancelled {
            await arrived.wait(timeout: .seconds(5))
            guard inbox.withLock({ !$0.isEmpty }) else { continue }
            try await Task.sleep(for: Self.coalescing)
            let batch = inbox.withLock { messages in
                let taken = Array(messages.prefix(Self.maxBatch))
                messages.removeFirst(taken.count)
                return taken
            }
            if inbox.withLock({ !$0.isEmpty }) { arrived.signal() }
            model = try await retrying("render") { [model] in try await self.apply(batch, to: model) }
            for message in batch {
                do { try consumer.storeOffset(message) } catch {
                    logger.warning("could not store offset", metadata: ["topic": "\(message.topic)", "offset": "\(message.offset)", "error": "\(error)"])
                }
            }
        }
    }

    /// One pass: the changes of `batch`, the current state re-read, the affected pages rendered.
    func apply(_ batch: [KafkaMessage], to model: SiteModel) async throws -> SiteModel {
        let changes = Set(batch.compactMap(Self.change))
        guard !changes.isEmpty else { return model }
        let call = UpstreamCall.background(logger: logger)
        var after = model
        try await builder.refresh(&after, for: changes, call: call)
        let keys = PageImpact.pages(for: changes, before: model, after: after)
        let outcome = try await builder.render(keys, model: &after, call: call)
        logger.debug("pages re-rendered", metadata: ["events": "\(batch.count)", "written": "\(outcome.written)", "removed": "\(outcome.removed)"])
        return after
    }

    static func change(of message: KafkaMessage) -> SiteChange? {
        let data = Data(message.value)
        guard let envelope = try? InkwellJSON.decoder.decode(CloudEventEnvelope.self, from: data) else { return nil }
        return SiteChange.of(type: envelope.type, data: data)
    }

    /// `body` until it succeeds, with a growing pause (100 ms to 5 s) between tries, until cancelled.
    func retrying<T: Sendable>(_ what: String, _ body: @Sendable () async throws -> T) async throws -> T {
        var pause: Duration = .milliseconds(100)
        while true {
            do {
                return try await body()
            } catch {
                if Task.isCancelled { throw CancellationError() }
                logger.warning("pages \(what) failed, retrying", metadata: ["error": "\(error)", "retryIn": "\(pause)"])
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(5))
            }
        }
    }
}
