/// One page of the published feed as a request names it: the filter, where it starts and how
/// many rows it reads (the page's size plus the one that tells whether there is a next page).
public struct FeedCacheKey: Hashable, Sendable {
    public var filter: PostListFilter
    public var after: PostFeedPosition?
    public var fetchLimit: Int

    public init(filter: PostListFilter, after: PostFeedPosition?, fetchLimit: Int) {
        self.filter = filter
        self.after = after
        self.fetchLimit = fetchLimit
    }
}
