import Foundation
import InkwellContracts
import InkwellCore
import InkwellEvents
import InkwellPostgres
import Logging
import ServiceLifecycle

/// Publishes scheduled posts whose `publishAt` has come (API.md: within 5 seconds), emitting
/// `post.published`: a ``PeriodicWorker`` looking every ``Configuration/interval`` (1 s).
///
/// Each round is one unit of work: it locks up to ``Configuration/batchSize`` due posts with
/// `FOR UPDATE SKIP LOCKED`, publishes them and writes their events, and commits. Several
/// replicas (or a writer editing a post) never take the same row: a locked row is skipped by
/// the others, and a row published meanwhile no longer matches `status = 'scheduled'` when the
/// lock is granted (READ COMMITTED re-checks the condition on the latest row version). So every
/// due post is published exactly once, with one event. A full batch runs the next at once.
///
/// `publishedAt` is the post's `publishAt`, not the moment the scheduler got to it: the time the
/// author chose, the same whichever replica publishes and however late (the scan is at most a
/// second behind; after an outage a late post takes its scheduled place in the feed).
struct PostScheduler: Service {
    struct Configuration: Sendable {
        var interval: Duration = .seconds(1)
        var batchSize = 100
    }

    let units: UnitOfWorkRunner
    let configuration: Configuration
    let logger: Logger

    init(units: UnitOfWorkRunner, configuration: Configuration = .init(), logger: Logger) {
        self.units = units
        self.configuration = configuration
        self.logger = logger
    }

    func run() async throws {
        try await PeriodicWorker(name: "post-scheduler", configuration: .init(interval: configuration.interval), logger: logger) {
            try await self.round().count == self.configuration.batchSize ? .more : .idle
        }.run()
    }

    /// Publishes one batch of due posts; returns their events.
    @discardableResult
    func round() async throws -> [PostPublished] {
        let events = try await units.withUnitOfWork { tx -> [PostPublished] in
            let rows = try await tx.query("""
                WITH due AS (
                    SELECT id FROM posts WHERE status = 'scheduled' AND publish_at <= now()
                    ORDER BY publish_at LIMIT \(configuration.batchSize)
                    FOR UPDATE SKIP LOCKED)
                UPDATE posts SET status = 'published', published_at = COALESCE(published_at, publish_at), version = version + 1,
                    updated_at = date_trunc('milliseconds', now())
                WHERE id IN (SELECT id FROM due) AND status = 'scheduled'
                RETURNING \(PostRow.columns)
                """)
            let events = try rows.map(PostRow.post).map { PostPublished(post: PostSnapshot(post: $0), version: $0.version) }
                .sorted { ($0.post.publishedAt ?? .distantPast, $0.post.id.uuidString) < ($1.post.publishedAt ?? .distantPast, $1.post.id.uuidString) }
            for event in events { try await tx.publish(event) }
            return events
        }
        if !events.isEmpty {
            logger.info("scheduled posts published", metadata: ["count": "\(events.count)"])
        }
        return events
    }
}
