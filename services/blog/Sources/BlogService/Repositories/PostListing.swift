import InkwellContracts

/// A page of published summaries as read, with the stamps of the same rows (same statement).
public struct PostListing: Sendable, Equatable {
    public var summaries: [PostSummary]
    public var stamps: [PostStamp]

    public init(summaries: [PostSummary], stamps: [PostStamp]) {
        self.summaries = summaries
        self.stamps = stamps
    }
}
