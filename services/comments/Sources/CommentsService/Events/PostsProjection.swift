import Foundation
import InkwellContracts
import InkwellPostgres

/// The `posts` table: what comments knows of the blog's posts (id, current slug, author,
/// published, deleted, version), kept by the blog.events consumer in the inbox transaction.
///
/// Every write applies only an event newer than the row's `version`, so a stale or repeated event
/// (a redelivery, a replayed dead letter, events of one post read out of order) changes nothing.
/// A deleted post stays as a row with `deleted = true` and never comes back, whatever arrives late.
/// An unpublished or deleted post first seen through that event is recorded too (author unknown):
/// its version is what keeps an older `post.published` from making it visible.
enum PostsProjection {
    /// What applying one event came to.
    enum Outcome: Sendable, Equatable {
        case applied
        /// The row already holds this version or a newer one, or the post is deleted.
        case stale
    }

    /// `post.published` / `post.updated`: the post as its snapshot says (slug, author, visible
    /// when its status is `published`) at `version`.
    static func apply(_ post: PostSnapshot, version: Int64, on connection: PostgresConnection) async throws -> Outcome {
        let published = post.status == .published
        let changed = try await connection.execute("""
            INSERT INTO posts (id, slug, author_id, published, deleted, version)
            VALUES (\(post.id), \(post.slug), \(post.authorId), \(published), false, \(version))
            ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, author_id = excluded.author_id,
                published = excluded.published, version = excluded.version
            WHERE posts.version < excluded.version AND NOT posts.deleted
            """)
        return changed == 1 ? .applied : .stale
    }

    /// `post.unpublished`: no new comments on it (its comments stay readable by id).
    static func unpublish(postId: UUID, slug: String, version: Int64, on connection: PostgresConnection) async throws -> Outcome {
        let changed = try await connection.execute("""
            INSERT INTO posts (id, slug, author_id, published, deleted, version)
            VALUES (\(postId), \(slug), NULL, false, false, \(version))
            ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, published = false, version = excluded.version
            WHERE posts.version < excluded.version AND NOT posts.deleted
            """)
        return changed == 1 ? .applied : .stale
    }

    /// `post.deleted`: the post's comments are hidden from every read. Applied whatever the
    /// versions say (a deletion is final and must not be skipped for an out-of-order version);
    /// the row keeps the highest version seen.
    @discardableResult
    static func delete(postId: UUID, slug: String, authorId: UUID, version: Int64, on connection: PostgresConnection) async throws -> Outcome {
        let changed = try await connection.execute("""
            INSERT INTO posts (id, slug, author_id, published, deleted, version)
            VALUES (\(postId), \(slug), \(authorId), false, true, \(version))
            ON CONFLICT (id) DO UPDATE SET published = false, deleted = true,
                author_id = COALESCE(posts.author_id, excluded.author_id), version = GREATEST(posts.version, excluded.version)
            WHERE NOT posts.deleted
            """)
        return changed == 1 ? .applied : .stale
    }
}
