import CommentsService
import Foundation
import InkwellContracts
import Testing

/// The counts behind `GET /internal/v1/comment-counts`, against the real PostgreSQL.
@Suite struct CommentCountsRepositoryTests {
    typealias DB = ConsumerDatabase

    @Test func countsApprovedVisibleCommentsOfPostsNotDeleted() async throws {
        try await DB.with { db throws in
            let post = try await db.seedPost(), other = try await db.seedPost(), gone = try await db.seedPost(deleted: true), quiet = try await db.seedPost()
            let author = UUID()
            let parent = try await db.seedComment(postId: post, authorId: author)
            try await db.seedComment(postId: post, parentId: parent, authorId: author)
            try await db.seedComment(postId: post, authorId: author, status: .pending)
            try await db.seedComment(postId: post, authorId: author, status: .spam)
            try await db.seedComment(postId: post, authorId: author, status: .rejected)
            try await db.seedComment(postId: post, authorId: author, body: "", deleted: true)
            try await db.seedComment(postId: other, authorId: author)
            try await db.seedComment(postId: gone, authorId: author)

            let counts = PostgresCommentCountsRepository(postgres: db.postgres)
            let found = try await counts.approvedCounts(postIds: [post, other, gone, quiet, UUID()])
            #expect(found == [post: 2, other: 1])
            #expect(try await counts.approvedCounts(postIds: []).isEmpty)
        }
    }
}
