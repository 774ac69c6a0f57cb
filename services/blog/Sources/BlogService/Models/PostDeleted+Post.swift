import InkwellContracts

extension PostDeleted {
    /// The `post.deleted` of deleting `post` (version: its last + 1), or nil when it was never
    /// published: such a post was never visible downstream, so its deletion is not announced.
    /// The one rule for every deletion (DELETE, and the erasure of its author).
    init?(deleting post: Post) {
        guard post.publishedAt != nil else { return nil }
        self.init(postId: post.id, slug: post.slug, authorId: post.authorId, version: post.version + 1)
    }
}
