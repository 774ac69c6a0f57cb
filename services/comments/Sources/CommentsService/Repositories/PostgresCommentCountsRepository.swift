import Foundation
import InkwellPostgres

/// ``CommentCountsRepository`` on the comments schema: one query, the asked posts found by
/// primary key and each one's comments counted on `comments_tree` (it leads with post_id).
///
/// Why per post (a lateral count) rather than a join grouped by post: the planner merged the
/// join over every post of the projection and sorted the comments, 1.7 ms for a feed page's 20
/// posts on the bench data set; the lateral count reads only the 20 posts' index entries, 0.6 ms.
public struct PostgresCommentCountsRepository: CommentCountsRepository {
    let postgres: PostgresClient

    public init(postgres: PostgresClient) { self.postgres = postgres }

    public func approvedCounts(postIds: [UUID]) async throws -> [UUID: Int] {
        guard !postIds.isEmpty else { return [:] }
        let rows = try await postgres.query("""
            SELECT p.id AS post_id, counted.n
            FROM posts p CROSS JOIN LATERAL (
                SELECT count(*)::int8 AS n FROM comments c WHERE c.post_id = p.id AND c.status = 'approved' AND NOT c.deleted
            ) counted
            WHERE p.id = ANY(\(postIds)) AND NOT p.deleted AND counted.n > 0
            """)
        var counts: [UUID: Int] = [:]
        counts.reserveCapacity(rows.count)
        for row in rows {
            counts[try row.decode(column: "post_id", as: UUID.self)] = Int(try row.decode(column: "n", as: Int64.self))
        }
        return counts
    }
}
