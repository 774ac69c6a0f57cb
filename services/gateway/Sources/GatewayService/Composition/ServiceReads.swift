import Foundation
import InkwellContracts

/// The services' internal batch reads (`/internal/v1/...`, API.md Operations) that the gateway
/// composes answers and pages from: one call per kind of data for a whole page of items, never
/// one per item. Every call has the gateway's deadline and throws when the service has no
/// answer in time (or a wrong one), so a composer can leave that part out (degraded).
public protocol ServiceReads: Sendable {
    /// Public users by id (users service); erased and unknown ids are absent from the answer.
    func users(ids: [UUID], call: UpstreamCall) async throws -> [UUID: PublicUser]
    /// Approved, not deleted comments per post (comments service); every id asked is present.
    func commentCounts(postIds: [UUID], call: UpstreamCall) async throws -> [UUID: Int]
    /// A published post's whole approved comment tree, oldest first (comments service).
    func commentTree(postId: UUID, call: UpstreamCall) async throws -> [Comment]
    /// Published post summaries by id, in the order asked (blog service); others are absent.
    func postSummaries(ids: [UUID], call: UpstreamCall) async throws -> [PostSummary]
    /// One page of every published post with its HTML, oldest first (blog service), for
    /// rendering; `cursor` is the previous page's `nextCursor`.
    func exportPosts(cursor: String?, limit: Int, call: UpstreamCall) async throws -> Page<Post>
    /// Whole published posts (with HTML) by id, in the order asked (blog service); others are
    /// absent. What re-rendering a post's page reads.
    func posts(ids: [UUID], call: UpstreamCall) async throws -> [Post]
    /// The old slugs that redirect to the published posts among `postIds`, of every published
    /// post when nil (blog service).
    func slugRedirects(postIds: [UUID]?, call: UpstreamCall) async throws -> [SlugRedirect]
}
