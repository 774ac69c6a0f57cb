import Foundation
import InkwellContracts
import InkwellCore
import Testing
@testable import GatewayService

/// Every event of EVENTS.md → the tags it drops, through the record value as it arrives.
@Suite struct CacheInvalidationTests {
    let post = UUID()
    let author = UUID()
    let comment = UUID()

    func snapshot(slug: String = "hello", tags: [String] = ["swift", "linux"]) -> PostSnapshot {
        PostSnapshot(
            summary: PostSummary(
                id: post, slug: slug, title: "Hello", excerpt: "…", publishedAt: Date(), authorId: author,
                tags: tags.map { TagRef(name: $0, slug: $0) }, coverImageUrl: nil),
            status: .published, updatedAt: Date())
    }

    func commentSnapshot() -> CommentSnapshot {
        CommentSnapshot(id: comment, postId: post, parentId: nil, authorId: author, body: "hi", status: .approved, createdAt: Date())
    }

    func decoded<E: InkwellEvent>(_ event: E) throws -> Set<CacheTag>? {
        let value = try InkwellJSON.encoder.encode(CloudEvent(event))
        return try CacheInvalidation.decode(Array(value))?.tags
    }

    @Test func postEvents() throws {
        let published: Set<CacheTag> = [.post(post), .postSlug("hello"), .tag("swift"), .tag("linux"), .lists, .user(author)]
        #expect(try decoded(PostPublished(post: snapshot(), version: 1)) == published)
        #expect(try decoded(PostUpdated(post: snapshot(), version: 2)) == published)
        let renamed = try decoded(PostUpdated(post: snapshot(slug: "hello-2", tags: ["go"]), previousSlug: "hello", version: 3))
        #expect(renamed == [.post(post), .postSlug("hello-2"), .postSlug("hello"), .tag("go"), .lists, .user(author)])
        #expect(try decoded(PostUnpublished(postId: post, slug: "hello", version: 4)) == [.post(post), .postSlug("hello"), .lists])
        #expect(try decoded(PostDeleted(postId: post, slug: "hello", authorId: author, version: 5)) == [.post(post), .postSlug("hello"), .lists, .user(author)])
    }

    @Test func commentEvents() throws {
        let tags: Set<CacheTag> = [.post(post)]
        #expect(try decoded(CommentCreated(comment: commentSnapshot(), version: 1)) == tags)
        #expect(try decoded(CommentUpdated(comment: commentSnapshot(), version: 2)) == tags)
        #expect(try decoded(CommentApproved(commentId: comment, postId: post, version: 3)) == tags)
        #expect(try decoded(CommentRejected(commentId: comment, postId: post, status: .spam, version: 4)) == tags)
        #expect(try decoded(CommentDeleted(commentId: comment, postId: post, version: 5)) == tags)
    }

    @Test func userEvents() throws {
        #expect(try decoded(UserRegistered(userId: author, username: "grace", displayName: "Grace", createdAt: Date(), version: 1)) == [.user(author), .username("grace")])
        #expect(try decoded(UserUpdated(userId: author, username: "grace", displayName: "G", bio: "", version: 2)) == [.user(author), .username("grace")])
        #expect(try decoded(UserDeleted(userId: author, version: 3)) == [.user(author)])
        #expect(try decoded(UserRolesChanged(userId: author, roles: ["author"], version: 4)) == [])
        #expect(try decoded(UserVerified(userId: author, version: 5)) == [])
    }

    @Test func unknownTypeIsNilAndGarbageThrows() throws {
        let unknown = #"{"specversion":"1.0","id":"x","source":"inkwell/blog","type":"inkwell.blog.post.pinned.v1","subject":"s","data":{}}"#
        #expect(try CacheInvalidation.decode(Array(unknown.utf8)) == nil)
        #expect(throws: (any Error).self) { _ = try CacheInvalidation.decode(Array("not json".utf8)) }
        let bad = #"{"specversion":"1.0","id":"x","source":"inkwell/blog","type":"inkwell.blog.post.deleted.v1","subject":"s","data":{"postId":"nope"}}"#
        #expect(throws: (any Error).self) { _ = try CacheInvalidation.decode(Array(bad.utf8)) }
    }

    /// Only the tag list is cached as passed through; the composed paths tag themselves.
    @Test func passThroughReadsAndTheirTags() {
        #expect(PassThroughCaching.tags(path: "/api/v1/tags") == [.lists])
        let composedOrPrivate = [
            "/api/v1/posts", "/api/v1/search", "/api/v1/posts/hello", "/api/v1/posts/hello/comments", "/api/v1/tags/swift",
            "/api/v1/posts/hello/revisions", "/api/v1/users/me", "/api/v1/media", "/api/v1/moderation/comments", "/internal/v1/posts",
        ]
        for path in composedOrPrivate { #expect(PassThroughCaching.tags(path: path) == nil, "\(path)") }
        for status in [200, 404] { #expect(PassThroughCaching.isCacheable(status: status)) }
        #expect(!PassThroughCaching.isCacheable(status: 301))
        for status in [400, 401, 500, 503] { #expect(!PassThroughCaching.isCacheable(status: status)) }
    }
}
