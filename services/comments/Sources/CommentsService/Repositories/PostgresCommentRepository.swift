import Foundation
import InkwellAuth
import InkwellContracts
import InkwellCore
import InkwellEvents
import InkwellPostgres

/// ``CommentRepository`` on the comments schema. Writes go through the unit of work, so each
/// event commits with its change; no transaction awaits anything but its own connection.
public struct PostgresCommentRepository: CommentRepository {
    let units: UnitOfWorkRunner
    let policy: ModerationPolicy
    var postgres: PostgresClient { units.postgres }

    public init(units: UnitOfWorkRunner, policy: ModerationPolicy = ModerationPolicy()) {
        self.units = units
        self.policy = policy
    }

    public func publishedPost(slug: String) async throws -> ProjectedPost? {
        try await postgres.query(Self.publishedPostQuery(slug: slug, lock: "")).first.map(Self.post)
    }

    public func create(_ draft: CommentDraft, onPostSlug slug: String, by author: AuthenticatedUser) async throws -> CommentCreation {
        try await units.withUnitOfWork { tx -> CommentCreation in
            // FOR SHARE: a concurrent unpublish or delete of the post waits for this comment (and
            // the comment waits for it), so no comment lands on a post just taken down.
            guard let post = try await tx.query(Self.publishedPostQuery(slug: slug, lock: "FOR SHARE")).first.map(Self.post) else {
                return .postNotFound
            }
            if let parentId = draft.parentId {
                // FOR SHARE: a concurrent delete of the parent either sees this reply (and leaves
                // a tombstone) or has already removed the parent (and this is 422).
                let parent = try await tx.query("SELECT post_id, status, deleted FROM comments WHERE id = \(parentId) FOR SHARE").first
                guard let parent, try parent.decode(column: "post_id", as: UUID.self) == post.id else {
                    return .invalidParent("must be a comment of the same post")
                }
                if try parent.decode(column: "deleted", as: Bool.self) { return .invalidParent("the comment was deleted") }
                let status = try CommentStatus(rawValue: parent.decode(column: "status", as: String.self))
                if status == .rejected || status == .spam { return .invalidParent("the comment was rejected") }
            }
            let standing = AuthorStanding(
                isModerator: CommentAccess.isModerator(author), isPostAuthor: post.authorId == author.id,
                hasApprovedComment: try await Self.hasApprovedComment(author.id, in: tx)
            )
            let status = policy.status(body: draft.body, author: standing)
            let id = UUIDv7.generate()
            guard let row = try await tx.query("""
                INSERT INTO comments (id, post_id, parent_id, author_id, body, status, version, created_at)
                VALUES (\(id), \(post.id), \(draft.parentId), \(author.id), \(draft.body), \(status.rawValue), 1, clock_timestamp())
                RETURNING \(Self.columns)
                """).first else { throw CommentsStoreError.missingRow("insert comment \(id)") }
            let comment = try Self.comment(row)
            try await tx.publish(CommentCreated(comment: Self.snapshot(comment), version: try row.decode(column: "version")))
            return .created(comment)
        }
    }

    public func treePage(postId: UUID, limit: Int, after: CommentPosition?) async throws -> [(comment: Comment?, position: CommentPosition)] {
        let keyset: PostgresQuery = if let after {
            "AND (c.created_at, c.id) > (\(Self.timestamp(after.at)), \(after.id))"
        } else { "" }
        // One statement: the page of roots by keyset, then every approved comment of their
        // threads by root_id (one indexed read, no recursion); roots first, in page order.
        let rows = try await postgres.query("""
            WITH page AS (
                SELECT c.id FROM comments c
                WHERE c.post_id = \(postId) AND c.parent_id IS NULL AND c.status = 'approved' \(keyset)
                  AND \(Self.showable) AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = c.post_id AND p.deleted)
                ORDER BY c.created_at, c.id LIMIT \(limit)
            )
            SELECT \(Self.treeColumns), \(Self.microseconds) FROM comments c
            WHERE c.root_id IN (SELECT id FROM page) AND c.status = 'approved'
            ORDER BY c.parent_id IS NOT NULL, c.created_at, c.id
            """)
        var roots: [(comment: Comment, position: CommentPosition)] = []
        var replies: [Comment] = []
        replies.reserveCapacity(rows.count)
        for row in rows {
            let comment = try Self.approvedComment(row, postId: postId)
            if comment.parentId == nil {
                roots.append((comment, try Self.position(row)))
            } else {
                replies.append(comment)
            }
        }
        let tree = CommentTree.build(roots: roots.map(\.comment), replies: replies)
        // The tree drops a root only when it is a tombstone without visible replies.
        let shown = Dictionary(uniqueKeysWithValues: tree.map { ($0.id, $0) })
        return roots.map { root in (comment: shown[root.comment.id], position: root.position) }
    }

    public func tree(postId: UUID) async throws -> [Comment] {
        // Every approved comment of the post in one read: the tree builder hangs the replies
        // and leaves out what sits below a comment that is not approved.
        let rows = try await postgres.query("""
            SELECT \(Self.treeColumns) FROM comments c
            WHERE c.post_id = \(postId) AND c.status = 'approved'
              AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = c.post_id AND p.deleted)
            ORDER BY c.parent_id IS NOT NULL, c.created_at, c.id
            """)
        var roots: [Comment] = []
        var replies: [Comment] = []
        for row in rows {
            let comment = try Self.approvedComment(row, postId: postId)
            if comment.parentId == nil { roots.append(comment) } else { replies.append(comment) }
        }
        return CommentTree.build(roots: roots, replies: replies)
    }

    public func edit(id: UUID, body: String, by user: AuthenticatedUser) async throws -> CommentChange {
        try await units.withUnitOfWork { tx -> CommentChange in
            guard let row = try await Self.lockLive(id, in: tx) else { return .notFound }
            let current = try Self.comment(row)
            guard CommentAccess.mayEdit(user, authorId: current.authorId) else { return .forbidden }
            let standing = AuthorStanding(
                isModerator: CommentAccess.isModerator(user), isPostAuthor: try row.decode(column: "post_author", as: UUID.self) == user.id,
                hasApprovedComment: try await Self.hasApprovedComment(user.id, in: tx)
            )
            let status = policy.statusAfterEdit(current: current.status, body: body, author: standing)
            guard let updated = try await tx.query("""
                UPDATE comments SET body = \(body), status = \(status.rawValue), version = version + 1, edited_at = clock_timestamp()
                WHERE id = \(id) RETURNING \(Self.columns)
                """).first else { throw CommentsStoreError.missingRow("update comment \(id)") }
            let comment = try Self.comment(updated)
            try await tx.publish(CommentUpdated(comment: Self.snapshot(comment), version: try updated.decode(column: "version")))
            return .changed(comment)
        }
    }

    public func delete(id: UUID, by user: AuthenticatedUser) async throws -> CommentDeletion {
        try await units.withUnitOfWork { tx -> CommentDeletion in
            guard let row = try await Self.lockLive(id, in: tx) else { return .notFound }
            let current = try Self.comment(row)
            guard CommentAccess.mayDelete(user, authorId: current.authorId) else { return .forbidden }
            // Under the row lock: a reply being written holds FOR SHARE on this row, so it either
            // committed (and is seen here) or waits and then finds the parent gone.
            let hasReplies = try await !tx.query("SELECT 1 FROM comments WHERE parent_id = \(id) LIMIT 1").isEmpty
            let removal = CommentRemoval(hasReplies: hasReplies)
            let next = try row.decode(column: "version", as: Int64.self) + 1
            let version: Int64
            switch removal {
            case .tombstone:
                version = try await tx.query("""
                    UPDATE comments SET body = '', deleted = true, version = version + 1 WHERE id = \(id) RETURNING version
                    """).first?.decode(column: "version") ?? next
            case .remove:
                try await tx.execute("DELETE FROM comments WHERE id = \(id)")
                version = next
            }
            try await tx.publish(CommentDeleted(commentId: id, postId: current.postId, version: version))
            return .deleted(removal)
        }
    }

    public func moderationQueue(status: CommentStatus, limit: Int, after: CommentPosition?) async throws -> [(comment: ModeratedComment, position: CommentPosition)] {
        let keyset: PostgresQuery = if let after {
            "AND (c.created_at, c.id) > (\(Self.timestamp(after.at)), \(after.id))"
        } else { "" }
        let rows = try await postgres.query("""
            SELECT \(Self.joinedColumns), \(Self.microseconds), p.slug AS post_slug FROM comments c JOIN posts p ON p.id = c.post_id
            WHERE c.status = \(status.rawValue) AND NOT c.deleted AND NOT p.deleted \(keyset)
            ORDER BY c.created_at, c.id LIMIT \(limit)
            """)
        return try rows.map { row in
            (comment: ModeratedComment(try Self.comment(row), postSlug: try row.decode(column: "post_slug")), position: try Self.position(row))
        }
    }

    public func moderate(id: UUID, action: ModerationAction) async throws -> CommentChange {
        try await units.withUnitOfWork { tx -> CommentChange in
            guard let row = try await Self.lockLive(id, in: tx) else { return .notFound }
            let current = try Self.comment(row)
            guard action.changes(current.status) else { return .changed(current) }
            guard let updated = try await tx.query("""
                UPDATE comments SET status = \(action.target.rawValue), version = version + 1 WHERE id = \(id) RETURNING \(Self.columns)
                """).first else { throw CommentsStoreError.missingRow("moderate comment \(id)") }
            let comment = try Self.comment(updated)
            let version: Int64 = try updated.decode(column: "version")
            switch action {
            case .approve: try await tx.publish(CommentApproved(commentId: id, postId: comment.postId, version: version))
            case .reject, .spam: try await tx.publish(CommentRejected(commentId: id, postId: comment.postId, status: comment.status, version: version))
            }
            return .changed(comment)
        }
    }
}
