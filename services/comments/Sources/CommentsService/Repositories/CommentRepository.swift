import Foundation
import InkwellAuth
import InkwellContracts

/// The comments and the projection of posts they hang on.
public protocol CommentRepository: Sendable {
    /// The published, not deleted post with `slug`, from the projection.
    func publishedPost(slug: String) async throws -> ProjectedPost?

    /// Creates a comment by `author` on the published post `slug`, its status decided by the
    /// moderation policy in the same transaction; publishes `comment.created`.
    func create(_ draft: CommentDraft, onPostSlug slug: String, by author: AuthenticatedUser) async throws -> CommentCreation

    /// Up to `limit` approved top-level comments of `postId` after `after`, oldest first, each
    /// with its approved replies nested to any depth, each with its position (for the next
    /// cursor). A root that turned out to be a tombstone with nothing visible below it is `nil`:
    /// it still counts for the page, so that pruning never hides that another page follows.
    func treePage(postId: UUID, limit: Int, after: CommentPosition?) async throws -> [(comment: Comment?, position: CommentPosition)]

    /// The whole approved tree of `postId` (empty when the post is unknown or deleted).
    func tree(postId: UUID) async throws -> [Comment]

    /// Its author replaces the body: `editedAt` set, the policy applied again; `comment.updated`.
    func edit(id: UUID, body: String, by user: AuthenticatedUser) async throws -> CommentChange

    /// Deletes by its author, a moderator or an admin: a tombstone when it has replies, gone
    /// otherwise; `comment.deleted`.
    func delete(id: UUID, by user: AuthenticatedUser) async throws -> CommentDeletion

    /// Live comments with `status`, oldest first, with their posts' slugs.
    func moderationQueue(status: CommentStatus, limit: Int, after: CommentPosition?) async throws -> [(comment: ModeratedComment, position: CommentPosition)]

    /// Sets the status of `action`: idempotent, and the event (`comment.approved` or
    /// `comment.rejected`) only when the status changes.
    func moderate(id: UUID, action: ModerationAction) async throws -> CommentChange
}
