import Foundation
import InkwellContracts
import InkwellServiceKit
import Testing
@testable import BlogService

@Suite struct PostChangeTests {
    let now = Date(timeIntervalSince1970: 2_000_000_000)
    var past: Date { now.addingTimeInterval(-3600) }
    var future: Date { now.addingTimeInterval(3600) }
    var firstPublished: Date { now.addingTimeInterval(-86_400) }

    @Test func createDefaultsToDraft() throws {
        let change = try PostChange.create(status: nil, publishAt: nil, now: now)
        #expect(change == PostChange(status: .draft, publishedAt: nil, publishAt: nil, version: 1, event: .none))
    }

    @Test func createPublishedNow() throws {
        #expect(try PostChange.create(status: .published, publishAt: nil, now: now) == PostChange(status: .published, publishedAt: now, publishAt: nil, version: 1, event: .published))
        // A past publishAt publishes now (the feed is never back-filled).
        #expect(try PostChange.create(status: .published, publishAt: past, now: now).publishedAt == now)
        #expect(try PostChange.create(status: nil, publishAt: past, now: now).status == .published)
    }

    @Test func futurePublishAtSchedules() throws {
        for status in [nil, PostStatus.published, .scheduled] {
            let change = try PostChange.create(status: status, publishAt: future, now: now)
            #expect(change == PostChange(status: .scheduled, publishedAt: nil, publishAt: future, version: 1, event: .none))
        }
        #expect(try PostChange.create(status: .draft, publishAt: future, now: now).status == .draft)
    }

    @Test func scheduledNeedsAFutureTime() {
        for publishAt in [nil, past, now] {
            #expect(throws: HTTPProblem.self) { try PostChange.create(status: .scheduled, publishAt: publishAt, now: now) }
        }
        let draft = PostChange.Current(status: .draft, publishedAt: nil, publishAt: nil, version: 3)
        #expect(throws: HTTPProblem.self) { try PostChange.edit(draft, status: .scheduled, publishAt: .absent, now: now) }
    }

    @Test func editsOfAPublishedPostKeepPublishedAt() throws {
        let published = PostChange.Current(status: .published, publishedAt: firstPublished, publishAt: nil, version: 4)
        let change = try PostChange.edit(published, status: nil, publishAt: .absent, now: now)
        #expect(change == PostChange(status: .published, publishedAt: firstPublished, publishAt: nil, version: 5, event: .updated))
        #expect(try PostChange.edit(published, status: .published, publishAt: .absent, now: now).publishedAt == firstPublished)
    }

    @Test func draftUnpublishesAndRepublishingKeepsTheFirstTime() throws {
        let published = PostChange.Current(status: .published, publishedAt: firstPublished, publishAt: nil, version: 2)
        let unpublished = try PostChange.edit(published, status: .draft, publishAt: .absent, now: now)
        #expect(unpublished == PostChange(status: .draft, publishedAt: firstPublished, publishAt: nil, version: 3, event: .unpublished))
        let draft = PostChange.Current(status: .draft, publishedAt: firstPublished, publishAt: nil, version: 3)
        let republished = try PostChange.edit(draft, status: .published, publishAt: .absent, now: now)
        #expect(republished == PostChange(status: .published, publishedAt: firstPublished, publishAt: nil, version: 4, event: .published))
    }

    @Test func draftsEmitNothing() throws {
        let draft = PostChange.Current(status: .draft, publishedAt: nil, publishAt: nil, version: 1)
        #expect(try PostChange.edit(draft, status: nil, publishAt: .absent, now: now).event == .none)
        #expect(try PostChange.edit(draft, status: .draft, publishAt: .absent, now: now).event == .none)
        // A draft given only a publishAt stays a draft.
        #expect(try PostChange.edit(draft, status: nil, publishAt: .value(future), now: now) == PostChange(status: .draft, publishedAt: nil, publishAt: future, version: 2, event: .none))
        #expect(try PostChange.edit(draft, status: .published, publishAt: .absent, now: now) == PostChange(status: .published, publishedAt: now, publishAt: nil, version: 2, event: .published))
    }

    @Test func reschedulingAndPublishingAScheduledPost() throws {
        let scheduled = PostChange.Current(status: .scheduled, publishedAt: nil, publishAt: future, version: 1)
        // A new time re-decides it; clearing the time publishes now; a title edit changes nothing.
        #expect(try PostChange.edit(scheduled, status: nil, publishAt: .value(future.addingTimeInterval(60)), now: now).status == .scheduled)
        #expect(try PostChange.edit(scheduled, status: nil, publishAt: .value(past), now: now) == PostChange(status: .published, publishedAt: now, publishAt: past, version: 2, event: .published))
        #expect(try PostChange.edit(scheduled, status: nil, publishAt: .null, now: now).status == .published)
        #expect(try PostChange.edit(scheduled, status: nil, publishAt: .absent, now: now) == PostChange(status: .scheduled, publishedAt: nil, publishAt: future, version: 2, event: .none))
        #expect(try PostChange.edit(scheduled, status: .draft, publishAt: .absent, now: now).event == .none)
    }

    @Test func schedulingAPublishedPostUnpublishesIt() throws {
        let published = PostChange.Current(status: .published, publishedAt: firstPublished, publishAt: nil, version: 7)
        let change = try PostChange.edit(published, status: nil, publishAt: .value(future), now: now)
        #expect(change == PostChange(status: .scheduled, publishedAt: firstPublished, publishAt: future, version: 8, event: .unpublished))
    }
}
