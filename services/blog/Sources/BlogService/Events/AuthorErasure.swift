import Foundation
import InkwellContracts
import InkwellEvents
import InkwellPostgres

/// What `user.deleted` does in the blog: the author is erased in the projection and every post
/// of theirs (any status) is deleted, each that was ever published emitting `post.deleted`
/// (version: the post's + 1; a draft never seen outside the blog emits nothing, as on DELETE)
/// into the blog's outbox on the same connection, so the deletions and their events commit with
/// the inbox row or not at all. Repeating it finds nothing left to delete.
struct AuthorErasure: Sendable {
    /// `KAFKA_TOPIC_PREFIX`, for the outbox rows.
    let topicPrefix: String

    /// Applies the erasure of `userId` at `version`; returns the events written, in post id order.
    @discardableResult
    func apply(userId: UUID, version: Int64, on connection: PostgresConnection) async throws -> [PostDeleted] {
        try await AuthorsProjection.erase(id: userId, version: version, on: connection)
        // Old slugs go with their post (ON DELETE CASCADE); tags stay (counts come from posts).
        let rows = try await connection.query("DELETE FROM posts WHERE author_id = \(userId) RETURNING \(PostRow.columns)")
        let events = try rows.map(PostRow.post).compactMap(PostDeleted.init(deleting:)).sorted { $0.postId.uuidString < $1.postId.uuidString }
        for event in events {
            try await Outbox.enqueue(event, topicPrefix: topicPrefix, on: connection)
        }
        return events
    }
}
