@testable import BlogService
import Foundation
import InkwellContracts
import InkwellCore
import InkwellPostgres
import Logging
import Testing
import TestSupport

/// The scheduler against the real PostgreSQL: due posts become published at their `publishAt`
/// with one `post.published` each; nothing else moves; several schedulers on one database
/// publish every post exactly once.
@Suite struct PostSchedulerTests {
    let logger = Logger(label: "test.scheduler")

    @Test func aDuePostIsPublishedAtItsPublishAtWithOneEvent() async throws {
        try await BlogEventsDatabase.with { db in
            let author = UUID()
            // Whole milliseconds: the event carries milliseconds, the database microseconds.
            let due = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 2).rounded())
            let id = try await db.insertPost(author: author, status: .scheduled, publishAt: due, version: 3, tags: ["swift", "linux"])
            let future = try await db.insertPost(author: author, status: .scheduled, publishAt: Date().addingTimeInterval(3600))
            let draft = try await db.insertPost(author: author, status: .draft, publishAt: due)

            let events = try await PostScheduler(units: db.units, logger: logger).round()

            #expect(events.map(\.post.id) == [id])
            let row = try #require(try await db.postgres.query("SELECT \(PostRow.columns) FROM posts WHERE id = \(id)").first)
            let post = try PostRow.post(row)
            #expect(post.status == .published)
            #expect(post.publishedAt == due, "publishedAt is the scheduled time")
            #expect(post.version == 4)
            #expect(post.updatedAt > due)
            let outbox = try await db.outbox(PostPublished.self)
            #expect(outbox.count == 1)
            let event = try #require(outbox.first).event
            #expect(outbox.first?.topic == "test.blog.events" && outbox.first?.key == id.uuidString.lowercased())
            #expect(event.data.version == 4)
            #expect(event.data.post.status == .published)
            #expect(event.data.post.summary == PostSummary(id: id, slug: post.slug, title: post.title, excerpt: post.excerpt, publishedAt: due, authorId: author,
                                                           tags: [TagRef(name: "swift", slug: "swift"), TagRef(name: "linux", slug: "linux")], coverImageUrl: nil))
            // The event truncates the database's microseconds to milliseconds, and a time on a
            // millisecond boundary can fall one below it as a `Double`: up to 2 ms apart.
            #expect(abs(event.data.post.updatedAt.timeIntervalSince(post.updatedAt)) < 0.002)
            let statuses = try await db.postgres.query("SELECT id, status FROM posts WHERE id IN (\(future), \(draft)) ORDER BY id")
                .map { try $0.decode(column: "status", as: String.self) }
            #expect(statuses == ["scheduled", "draft"])
            // Nothing left: the next round publishes nothing.
            #expect(try await PostScheduler(units: db.units, logger: logger).round().isEmpty)
            #expect(try await db.count("SELECT count(*)::int8 AS n FROM outbox") == 1)
        }
    }

    @Test func aFullBatchAsksForTheNextAtOnceOldestFirst() async throws {
        try await BlogEventsDatabase.with { db in
            let author = UUID()
            let base = Date().addingTimeInterval(-60)
            var ids: [UUID] = []
            for i in 0..<5 { ids.append(try await db.insertPost(author: author, status: .scheduled, publishAt: base.addingTimeInterval(Double(5 - i)))) }
            let scheduler = PostScheduler(units: db.units, configuration: .init(interval: .seconds(1), batchSize: 3), logger: logger)
            let first = try await scheduler.round()
            #expect(first.map(\.post.id) == [ids[4], ids[3], ids[2]], "oldest publishAt first")
            #expect(try await scheduler.round().map(\.post.id) == [ids[1], ids[0]])
        }
    }

    @Test func aPostAWriterHoldsIsSkippedAndStaysUnpublishedWhenTheWriterUnschedulesIt() async throws {
        try await BlogEventsDatabase.with { db in
            let author = UUID()
            let held = try await db.insertPost(author: author, status: .scheduled, publishAt: Date().addingTimeInterval(-1))
            let free = try await db.insertPost(author: author, status: .scheduled, publishAt: Date().addingTimeInterval(-1))
            let scheduler = PostScheduler(units: db.units, logger: logger)
            // A writer (PATCH to draft) holds the row while the scheduler runs: the scheduler does not wait for it.
            let duringWrite = try await db.postgres.withTransaction { connection in
                try await connection.execute("SELECT 1 FROM posts WHERE id = \(held) FOR UPDATE")
                let events = try await scheduler.round()
                try await connection.execute("UPDATE posts SET status = 'draft', version = version + 1 WHERE id = \(held)")
                return events
            }
            #expect(duringWrite.map(\.post.id) == [free])
            #expect(try await scheduler.round().isEmpty, "the unscheduled post is not due any more")
            #expect(try await db.count("SELECT count(*)::int8 AS n FROM posts WHERE id = \(held) AND status = 'draft'") == 1)
            #expect(try await db.outbox(PostPublished.self).map(\.event.data.post.id) == [free])
        }
    }

    @Test func twoSchedulersPublishFiftyDuePostsExactlyOnce() async throws {
        try await BlogEventsDatabase.with { db in
            let author = UUID()
            var ids: Set<UUID> = []
            for _ in 0..<50 { ids.insert(try await db.insertPost(author: author, status: .scheduled, publishAt: Date().addingTimeInterval(-1))) }
            // Small batches so that the two really compete for the rows, round after round.
            let configuration = PostScheduler.Configuration(interval: .milliseconds(20), batchSize: 4)
            // Each runs rounds until one finds nothing due and nothing is left scheduled.
            let all = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for _ in 0..<2 {
                    let scheduler = PostScheduler(units: db.units, configuration: configuration, logger: logger)
                    group.addTask {
                        var mine: [UUID] = []
                        while true {
                            let events = try await scheduler.round()
                            mine += events.map(\.post.id)
                            if events.isEmpty, try await db.count("SELECT count(*)::int8 AS n FROM posts WHERE status = 'scheduled'") == 0 { return mine }
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(all.count == 50 && Set(all) == ids, "each published by one scheduler once")
            let events = try await db.outbox(PostPublished.self)
            #expect(events.count == 50)
            #expect(Set(events.map(\.event.data.post.id)) == ids)
            #expect(events.allSatisfy { $0.event.data.version == 2 })
        }
    }

    @Test func theWorkerLoopPublishesAPostThatBecomesDue() async throws {
        try await BlogEventsDatabase.with { db in
            let id = try await db.insertPost(author: UUID(), status: .scheduled, publishAt: Date().addingTimeInterval(1))
            let scheduler = PostScheduler(units: db.units, configuration: .init(interval: .milliseconds(200), batchSize: 100), logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await scheduler.run() }
                try await pollUntil("the post to be published", timeout: .seconds(10)) {
                    try await db.count("SELECT count(*)::int8 AS n FROM posts WHERE id = \(id) AND status = 'published'") == 1
                }
                group.cancelAll()
            }
            #expect(try await db.outbox(PostPublished.self).count == 1)
        }
    }
}
