import Foundation

/// Counts of visible comments per post, for the gateway's and the page renderer's batch reads.
public protocol CommentCountsRepository: Sendable {
    /// The number of approved, not deleted comments of each of `postIds` whose post is not
    /// deleted; posts without any (or unknown) are absent.
    func approvedCounts(postIds: [UUID]) async throws -> [UUID: Int]
}
