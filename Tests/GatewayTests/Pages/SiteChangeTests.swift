import Foundation
import GatewayService
import InkwellContracts
import InkwellCore
import Testing

@Suite struct SiteChangeTests {
    static let post = PageFixtures.id(101), user = PageFixtures.id(1), comment = PageFixtures.id(501)

    func change<Event: InkwellEvent>(_ event: Event) throws -> SiteChange? {
        SiteChange.of(type: Event.type, data: try InkwellJSON.encoder.encode(CloudEvent(event)))
    }

    @Test func everyEventType() throws {
        let snapshot = PostSnapshot(summary: PageFixtures.summary(1), status: .published, updatedAt: PageFixtures.date(1))
        let commentSnapshot = CommentSnapshot(id: Self.comment, postId: Self.post, parentId: nil, authorId: Self.user, body: "x", status: .approved, createdAt: PageFixtures.date(1))
        #expect(try change(PostPublished(post: snapshot, version: 1)) == .post(Self.post))
        #expect(try change(PostUpdated(post: snapshot, previousSlug: "old", version: 2)) == .post(Self.post))
        #expect(try change(PostUnpublished(postId: Self.post, slug: "post-1", version: 3)) == .post(Self.post))
        #expect(try change(PostDeleted(postId: Self.post, slug: "post-1", authorId: Self.user, version: 4)) == .post(Self.post))
        #expect(try change(CommentCreated(comment: commentSnapshot, version: 1)) == .comments(postId: Self.post))
        #expect(try change(CommentApproved(commentId: Self.comment, postId: Self.post, version: 2)) == .comments(postId: Self.post))
        #expect(try change(CommentUpdated(comment: commentSnapshot, version: 3)) == .comments(postId: Self.post))
        #expect(try change(CommentRejected(commentId: Self.comment, postId: Self.post, status: .rejected, version: 4)) == .comments(postId: Self.post))
        #expect(try change(CommentDeleted(commentId: Self.comment, postId: Self.post, version: 5)) == .comments(postId: Self.post))
        #expect(try change(UserUpdated(userId: Self.user, username: "a", displayName: "A", bio: "", version: 2)) == .user(Self.user))
        #expect(try change(UserDeleted(userId: Self.user, version: 3)) == .user(Self.user))
    }

    @Test func eventsNoPageShowsAndGarbageChangeNothing() {
        #expect(SiteChange.of(type: "inkwell.users.user.registered.v1", data: Data("{}".utf8)) == nil)
        #expect(SiteChange.of(type: PostPublished.type, data: Data("not json".utf8)) == nil)
    }
}
