import Foundation
import InkwellPostgres

/// ``CommentCountsRepository`` on the comments schema: one grouped query by post id
/// (`comments_by_post` leads with post_id).
public struct PostgresCommentCountsRepository: CommentCountsRepository {
    let postgres: PostgresClient

    public init(postgres: PostgresClient) { self.postgres = postgres }

    public func approvedCounts(postIds: [UUID]) async throws -> [UUID: Int] {
        guard !postIds.isEmpty else { return [:] }
        let rows = try await postgres.query("""
            SELECT c.post_id, count(*)::int8 AS n
            FROM comments c JOIN posts p ON p.id = c.post_id
            WHERE c.post_id = ANY(\(postIds)) AND c.status = 'approved' AND NOT c.deleted AND NOT p.deleted
            GROUP BY c.post_id
            """)
        var counts: [UUID: Int] = [:]
        counts.reserveCapacity(rows.count)
        for row in rows {
            counts[try row.decode(column: "post_id", as: UUID.self)] = Int(try row.decode(column: "n", as: Int64.self))
        }
        return counts
    }
}
