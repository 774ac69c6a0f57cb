import Foundation
import InkwellContracts

/// The posts of the blog: every write is one unit of work with its post event.
public protocol PostRepository: Sendable {
    /// Creates a post by `writer`: slug derived and made unique (or the explicit one, a
    /// ``ConflictError`` on `slug` when another post has it), tags with their canonical names.
    /// Throws ``ErasedAuthorError`` when the writer's account is erased.
    func create(_ post: NewPost, by writer: PostWriter) async throws -> Post

    /// The post whose current slug is `slug`, else the post that once had it.
    func find(slug: String) async throws -> PostLookup

    /// Published summaries, newest `publishedAt` first (ties by id), strictly after `position`;
    /// at most `limit` of them, with their stamps.
    func list(_ filter: PostListFilter, after position: PostFeedPosition?, limit: Int) async throws -> PostListing

    /// The stamps of the posts ``list(_:after:limit:)`` would answer now, in its order (an index
    /// read: no text, no tags).
    func listStamps(_ filter: PostListFilter, after position: PostFeedPosition?, limit: Int) async throws -> [PostStamp]

    /// The stamp of the published post whose current slug is `slug`, if any.
    func publishedStamp(slug: String) async throws -> PostStamp?

    /// Applies `edit` to post `id` if its version is still `expectedVersion` (checked in the
    /// write's transaction).
    func update(id: UUID, expectedVersion: Int64, edit: PostEdit, by writer: PostWriter) async throws -> PostWriteOutcome

    /// Deletes post `id` if its version is still `expectedVersion`.
    func delete(id: UUID, expectedVersion: Int64, by writer: PostWriter) async throws -> PostWriteOutcome
}
