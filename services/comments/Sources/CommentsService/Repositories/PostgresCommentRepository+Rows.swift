import Foundation
import InkwellContracts
import InkwellEvents
import InkwellPostgres

extension PostgresCommentRepository {
    static let columns: PostgresQuery = "id, post_id, parent_id, author_id, body, status, deleted, version, created_at, edited_at"
    /// ``columns`` of `comments c` in a join.
    static let joinedColumns: PostgresQuery = "c.id, c.post_id, c.parent_id, c.author_id, c.body, c.status, c.deleted, c.version, c.created_at, c.edited_at"
    /// What the tree shows of an approved comment of a known post (``approvedComment(_:postId:)``).
    static let treeColumns: PostgresQuery = "c.id, c.parent_id, c.author_id, c.body, c.deleted, c.created_at, c.edited_at"
    /// `created_at` in whole microseconds since 1970, for keyset cursors.
    static let microseconds: PostgresQuery = "(extract(epoch FROM c.created_at) * 1000000)::int8 AS created_us"
    /// A root is worth a page slot unless it is a tombstone with no approved reply.
    static let showable: PostgresQuery = "(NOT c.deleted OR EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.status = 'approved'))"

    /// The timestamp of a cursor's microseconds, exactly.
    static func timestamp(_ microseconds: Int64) -> PostgresQuery {
        "(timestamptz 'epoch' + \(microseconds) * interval '1 microsecond')"
    }

    /// A slug resolves among published, live posts only; should the projection briefly hold the
    /// slug twice (events of two posts out of order), the newest version wins.
    static func publishedPostQuery(slug: String, lock: PostgresQuery) -> PostgresQuery {
        """
        SELECT id, author_id, coalesce((SELECT t.version FROM comment_threads t WHERE t.post_id = posts.id), 0) AS comments_version
        FROM posts WHERE slug = \(slug) AND published AND NOT deleted ORDER BY version DESC LIMIT 1 \(lock)
        """
    }

    static func post(_ row: PostgresRow) throws -> ProjectedPost {
        ProjectedPost(id: try row.decode(column: "id"), authorId: try row.decode(column: "author_id"), commentsVersion: try row.decode(column: "comments_version"))
    }

    /// The comment `id`, locked for the change, with its post's author; `nil` when it is unknown,
    /// a tombstone, or on a deleted post.
    static func lockLive(_ id: UUID, in tx: UnitOfWork) async throws -> PostgresRow? {
        try await tx.query("""
            SELECT \(joinedColumns), p.author_id AS post_author FROM comments c JOIN posts p ON p.id = c.post_id
            WHERE c.id = \(id) AND NOT c.deleted AND NOT p.deleted FOR UPDATE OF c
            """).first
    }

    static func hasApprovedComment(_ userId: UUID, in tx: UnitOfWork) async throws -> Bool {
        try await !tx.query("SELECT 1 FROM comments WHERE author_id = \(userId) AND status = 'approved' AND NOT deleted LIMIT 1").isEmpty
    }

    static func comment(_ row: PostgresRow) throws -> Comment {
        let status: String = try row.decode(column: "status")
        guard let commentStatus = CommentStatus(rawValue: status) else { throw CommentsStoreError.unknownStatus(status) }
        return Comment(
            id: try row.decode(column: "id"), postId: try row.decode(column: "post_id"), parentId: try row.decode(column: "parent_id"),
            // An erased author's tombstone may have lost its author: the nil UUID stands for nobody.
            authorId: try row.decode(column: "author_id", as: UUID?.self) ?? Self.nobody,
            body: try row.decode(column: "body"), status: commentStatus, createdAt: try row.decode(column: "created_at"),
            editedAt: try row.decode(column: "edited_at"), deleted: try row.decode(column: "deleted")
        )
    }

    /// A row of ``treeColumns``: read with `status = 'approved'` within the post `postId`.
    static func approvedComment(_ row: PostgresRow, postId: UUID) throws -> Comment {
        Comment(
            id: try row.decode(column: "id"), postId: postId, parentId: try row.decode(column: "parent_id"),
            authorId: try row.decode(column: "author_id", as: UUID?.self) ?? Self.nobody,
            body: try row.decode(column: "body"), status: .approved, createdAt: try row.decode(column: "created_at"),
            editedAt: try row.decode(column: "edited_at"), deleted: try row.decode(column: "deleted")
        )
    }

    static let nobody = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    static func position(_ row: PostgresRow) throws -> CommentPosition {
        CommentPosition(at: try row.decode(column: "created_us"), id: try row.decode(column: "id"))
    }

    static func snapshot(_ comment: Comment) -> CommentSnapshot {
        CommentSnapshot(
            id: comment.id, postId: comment.postId, parentId: comment.parentId?.wrappedValue, authorId: comment.authorId,
            body: comment.body, status: comment.status, createdAt: comment.createdAt
        )
    }
}
