@testable import BlogService
import Foundation
import InkwellContracts
import InkwellCore
import InkwellDataKit
import Logging
import Testing

/// The authors projection as the consumer applies users.events, against the real PostgreSQL:
/// newer versions win, stale and repeated events change nothing, erasure is final.
@Suite struct AuthorsProjectionTests {
    @Test func registeredThenUpdatedKeepsTheNewestVersion() async throws {
        try await BlogEventsDatabase.with { db in
            let id = UUID()
            #expect(try await db.deliver(UserRegistered(userId: id, username: "ada", displayName: "Ada", createdAt: Date(), version: 1)) == .applied)
            #expect(try await db.author(id) == .init(username: "ada", erased: false, version: 1))
            try await db.deliver(UserUpdated(userId: id, username: "ada", displayName: "Ada L.", bio: "", version: 3))
            #expect(try await db.author(id) == .init(username: "ada", erased: false, version: 3))
        }
    }

    @Test func staleAndEqualVersionsAreDropped() async throws {
        try await BlogEventsDatabase.with { db in
            let id = UUID()
            try await db.deliver(UserUpdated(userId: id, username: "newer", displayName: "N", bio: "", version: 5))
            // Older (a replayed dead letter) and equal versions under new event ids: no effect.
            try await db.deliver(UserRegistered(userId: id, username: "older", displayName: "O", createdAt: Date(), version: 1))
            try await db.deliver(UserUpdated(userId: id, username: "equal", displayName: "E", bio: "", version: 5))
            #expect(try await db.author(id) == .init(username: "newer", erased: false, version: 5))
        }
    }

    @Test func aRepeatedEventIsANoOp() async throws {
        try await BlogEventsDatabase.with { db in
            let id = UUID(), eventId = UUIDv7.generate()
            let event = UserRegistered(userId: id, username: "bob", displayName: "Bob", createdAt: Date(), version: 1)
            let first = try await db.deliver(event, id: eventId)
            #expect(first == .applied)
            #expect(try await db.deliver(event, id: eventId) == .duplicate)
            #expect(try await db.count("SELECT count(*)::int8 AS n FROM authors") == 1)
        }
    }

    @Test func anErasedAuthorNeverComesBack() async throws {
        try await BlogEventsDatabase.with { db in
            let id = UUID()
            try await db.deliver(UserRegistered(userId: id, username: "cy", displayName: "Cy", createdAt: Date(), version: 1))
            try await db.deliver(UserDeleted(userId: id, version: 4))
            #expect(try await db.author(id) == .init(username: "", erased: true, version: 4))
            // Even a (bogus) newer update does not resurrect the account or its username.
            try await db.deliver(UserUpdated(userId: id, username: "cy", displayName: "Cy", bio: "", version: 9))
            #expect(try await db.author(id) == .init(username: "", erased: true, version: 4))
        }
    }

    @Test func erasureOfAnUnknownAuthorLeavesATombstoneThatStopsALateRegistration() async throws {
        try await BlogEventsDatabase.with { db in
            let id = UUID()
            try await db.deliver(UserDeleted(userId: id, version: 3))
            try await db.deliver(UserRegistered(userId: id, username: "late", displayName: "L", createdAt: Date(), version: 1))
            #expect(try await db.author(id) == .init(username: "", erased: true, version: 3))
        }
    }

    @Test func erasureKeepsTheNewestVersionWhenItIsItselfOlder() async throws {
        try await BlogEventsDatabase.with { db in
            let id = UUID()
            try await db.deliver(UserUpdated(userId: id, username: "dee", displayName: "D", bio: "", version: 7))
            try await db.deliver(UserDeleted(userId: id, version: 6))
            #expect(try await db.author(id) == .init(username: "", erased: true, version: 7))
        }
    }

    @Test func aRecordThatIsNotTheEventsShapeIsPoison() throws {
        let handlers = BlogApp.eventHandlers(EventHandlerDependencies(topicPrefix: "", logger: Logger(label: "test")))
        do {
            let bytes = Array(#"{"specversion":"1.0","id":"0193a6d2-6c1e-7b3f-9a43-5d1e2b0c4f10","source":"inkwell/users","type":"inkwell.users.user.deleted.v1","subject":"x","time":"2026-01-01T00:00:00.000Z","datacontenttype":"application/json","data":{"userId":"nope"}}"#.utf8)
            guard case .poison = handlers.decode(bytes) else { Issue.record("decoded"); return }
            // Types the blog does not handle are skipped, not parked.
            let verified = Array(try InkwellJSON.encoder.encode(CloudEvent(UserVerified(userId: UUID(), version: 2))))
            guard case .unhandled = handlers.decode(verified) else { Issue.record("handled user.verified"); return }
        }
    }
}
