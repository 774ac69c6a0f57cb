import Foundation
import InkwellContracts
import InkwellEvents
import InkwellPostgres

/// What `user.deleted` does in comments: every comment of that user is erased, a comment that
/// still has replies (of anyone, in any status) as a tombstone (`body ''`, `deleted`, version + 1,
/// its replies kept), one without removed. Each comment that was still visible emits
/// `comment.deleted` (version: the comment's + 1) into the comments outbox on the same
/// connection, so the erasure and its events commit with the inbox row or not at all.
///
/// The user's own replies go first, deepest first: a comment whose replies were all the user's
/// has none left and is removed rather than kept as an empty tombstone. The author id stays on
/// tombstones (the gateway shows no author once the account is erased). Repeating the erasure
/// finds nothing visible left and emits nothing.
struct CommentErasure: Sendable {
    /// `KAFKA_TOPIC_PREFIX`, for the outbox rows.
    let topicPrefix: String

    /// Erases the comments of `userId`; returns the events written, removals first (deepest
    /// first), then tombstones, each group in comment id order.
    @discardableResult
    func apply(userId: UUID, on connection: PostgresConnection) async throws -> [CommentDeleted] {
        // Lock the user's comments first: a reply being written to one of them (its foreign key
        // takes a share lock on the parent) waits for this transaction, so no reply slips in
        // between "has no replies" and the removal.
        try await connection.execute("SELECT id FROM comments WHERE author_id = \(userId) ORDER BY id FOR UPDATE")
        var events: [CommentDeleted] = []
        // Leaves first: each round removes the user's comments without replies, which may leave
        // their parents (of the user too) without replies for the next round. Ends: every round
        // removes at least one row or stops.
        while true {
            let removed = try await connection.query("""
                DELETE FROM comments c WHERE c.author_id = \(userId)
                    AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id)
                RETURNING c.id, c.post_id, c.version, c.deleted
                """)
            if removed.isEmpty { break }
            events += try Self.events(removed)
        }
        let tombstoned = try await connection.query("""
            UPDATE comments SET body = '', deleted = true, version = version + 1
            WHERE author_id = \(userId) AND NOT deleted
            RETURNING id, post_id, version - 1 AS version, false AS deleted
            """)
        events += try Self.events(tombstoned)
        for event in events {
            try await Outbox.enqueue(event, topicPrefix: topicPrefix, on: connection)
        }
        return events
    }

    /// The `comment.deleted` of each row that was visible until now (an earlier tombstone was
    /// announced when it was made), in comment id order.
    static func events(_ rows: [PostgresRow]) throws -> [CommentDeleted] {
        try rows.compactMap { row -> CommentDeleted? in
            guard try !row.decode(column: "deleted", as: Bool.self) else { return nil }
            return CommentDeleted(
                commentId: try row.decode(column: "id"), postId: try row.decode(column: "post_id"),
                version: try row.decode(column: "version", as: Int64.self) + 1)
        }.sorted { $0.commentId.uuidString < $1.commentId.uuidString }
    }
}
