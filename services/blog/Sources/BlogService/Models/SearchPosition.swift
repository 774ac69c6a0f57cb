import Foundation

/// Where a page of search results ended: the last hit's rank and id (results are ordered by
/// rank, then id, both descending). The rank is the `float8` PostgreSQL computed, which JSON
/// carries exactly (Swift prints the shortest text that reads back to the same `Double`).
struct SearchPosition: Codable, Sendable, Equatable {
    var rank: Double
    var id: UUID
}
