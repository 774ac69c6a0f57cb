import Foundation
import InkwellContracts

/// The blog's read-only queries behind search, the tag list and the internal reads. Every one
/// sees published posts only: drafts and scheduled posts are never found, counted or exported.
protocol PostQueries: Sendable {
    /// Up to `limit` published posts matching `query` (websearch syntax), best first: by rank,
    /// then id, both descending, starting after `after`.
    func search(_ query: SearchQuery, after: SearchPosition?, limit: Int) async throws -> [RankedPost]

    /// Every tag of at least one published post with the number of those posts, most used
    /// first, ties by slug.
    func tagCounts() async throws -> [TagCount]

    /// The summaries of the published posts among `ids`, in the order of `ids`.
    func publishedSummaries(ids: [UUID]) async throws -> [PostSummary]

    /// Up to `limit` whole published posts, oldest `publishedAt` first (then id), after `after`.
    func publishedPosts(after: ExportPosition?, limit: Int) async throws -> [Post]

    /// The whole published posts among `ids` (with HTML and tags), in the order of `ids`.
    func publishedPosts(ids: [UUID]) async throws -> [Post]

    /// The old slugs that redirect to published posts: of the posts among `postIds`, or of
    /// every published post when `postIds` is nil; ordered by slug.
    func slugRedirects(postIds: [UUID]?) async throws -> [SlugRedirect]
}
