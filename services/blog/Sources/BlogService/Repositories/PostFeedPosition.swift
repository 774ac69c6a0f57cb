import Foundation

/// Where a page of the published feed ended: the last item's `published_at` in whole
/// microseconds (the column's precision; a JSON date would round to milliseconds) and its id.
public struct PostFeedPosition: Codable, Sendable, Hashable {
    /// Microseconds since 1970.
    public var at: Int64
    public var id: UUID

    public init(at: Int64, id: UUID) {
        self.at = at
        self.id = id
    }

    public init(publishedAt: Date, id: UUID) {
        self.init(at: Int64((publishedAt.timeIntervalSince1970 * 1_000_000).rounded()), id: id)
    }

    public var publishedAt: Date { Date(timeIntervalSince1970: Double(at) / 1_000_000) }
}
