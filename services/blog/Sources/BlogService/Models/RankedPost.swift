import InkwellContracts

/// A search result as the repository reads it: the post's summary, its rank for the query and
/// the raw `ts_headline` (with ``SearchHighlight`` sentinels, not yet escaped).
struct RankedPost: Sendable, Equatable {
    var summary: PostSummary
    var rank: Double
    var headline: String

    /// Where a page ending at this result ended.
    var position: SearchPosition { SearchPosition(rank: rank, id: summary.id) }

    /// The hit as the API answers it, its highlight made safe.
    var hit: SearchHit { SearchHit(post: summary, highlight: SearchHighlight.html(fromHeadline: headline)) }
}
