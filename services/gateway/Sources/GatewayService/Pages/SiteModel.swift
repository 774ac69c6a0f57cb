import Foundation
import InkwellContracts

/// What the lists of the reading site are made of, kept in memory by the renderer: every
/// published post's summary, newest first, the users the pages name, the comment counts, the
/// old slugs that redirect and which users each post page shows (its author and commenters,
/// learnt while rendering it). Bodies and comment trees are not kept: a post page reads them
/// when it is rendered.
public struct SiteModel: Sendable, Equatable {
    /// Posts per index page (PAGES.md).
    public static let pageSize = 20
    /// Entries of the Atom feed.
    public static let feedSize = 20

    public private(set) var posts: [UUID: PostSummary] = [:]
    /// The published posts, newest first (publishedAt, then id, both descending).
    public private(set) var ordered: [PostSummary] = []
    private var idBySlug: [String: UUID] = [:]
    public private(set) var users: [UUID: PublicUser] = [:]
    public private(set) var commentCounts: [UUID: Int] = [:]
    /// Old slug → the post it redirects to.
    public private(set) var redirects: [String: UUID] = [:]
    /// Post id → the users its page shows (author and commenters).
    public private(set) var shownUsers: [UUID: Set<UUID>] = [:]

    public init() {}

    // MARK: Changes

    /// Replaces the published posts among `ids` with `summaries` (the blog's current answer):
    /// a post of `ids` absent from it is no longer published and leaves every list.
    public mutating func refreshPosts(_ ids: [UUID], with summaries: [PostSummary]) {
        for id in ids { removePost(id) }
        for summary in summaries { insertPost(summary) }
        sort()
    }

    /// Sets every published post at once (a rebuild).
    public mutating func setPosts(_ summaries: [PostSummary]) {
        posts = [:]
        idBySlug = [:]
        for summary in summaries { insertPost(summary) }
        sort()
    }

    public mutating func refreshUsers(_ ids: [UUID], with found: [UUID: PublicUser]) {
        for id in ids { users[id] = found[id] }
    }

    public mutating func addUsers(_ found: [UUID: PublicUser]) {
        users.merge(found) { _, new in new }
    }

    public mutating func setCommentCounts(_ counts: [UUID: Int]) {
        commentCounts.merge(counts) { _, new in new }
    }

    /// Replaces the redirects of the posts among `postIds` (all of them when nil).
    public mutating func setRedirects(_ found: [SlugRedirect], forPosts postIds: [UUID]?) {
        if let postIds {
            let affected = Set(postIds)
            redirects = redirects.filter { !affected.contains($0.value) }
        } else {
            redirects = [:]
        }
        for redirect in found { redirects[redirect.slug] = redirect.postId }
    }

    public mutating func setShownUsers(_ userIds: Set<UUID>, onPost postId: UUID) {
        shownUsers[postId] = userIds
    }

    private mutating func removePost(_ id: UUID) {
        guard let old = posts.removeValue(forKey: id) else { return }
        if idBySlug[old.slug] == id { idBySlug[old.slug] = nil }
        shownUsers[id] = nil
    }

    private mutating func insertPost(_ summary: PostSummary) {
        if let previous = posts[summary.id], idBySlug[previous.slug] == summary.id { idBySlug[previous.slug] = nil }
        posts[summary.id] = summary
        idBySlug[summary.slug] = summary.id
    }

    private mutating func sort() {
        ordered = posts.values.sorted(by: Self.newestFirst)
    }

    static func newestFirst(_ a: PostSummary, _ b: PostSummary) -> Bool {
        let left = a.publishedAt ?? .distantPast, right = b.publishedAt ?? .distantPast
        if left != right { return left > right }
        return a.id.uuidString > b.id.uuidString
    }

    // MARK: Reads

    public func post(slug: String) -> PostSummary? { idBySlug[slug].flatMap { posts[$0] } }

    /// Index pages there are (at least 1: an empty blog still has its front page).
    public var indexPageCount: Int { max(1, (ordered.count + Self.pageSize - 1) / Self.pageSize) }

    /// The index page `n`'s posts (1-based).
    public func indexPage(_ n: Int) -> ArraySlice<PostSummary> {
        let start = (n - 1) * Self.pageSize
        guard n >= 1, start < ordered.count || start == 0 else { return [] }
        return ordered[start..<min(start + Self.pageSize, ordered.count)]
    }

    /// The index page showing post `id`, or nil when it is not published.
    public func indexPage(of id: UUID) -> Int? {
        guard let position = ordered.firstIndex(where: { $0.id == id }) else { return nil }
        return position / Self.pageSize + 1
    }

    /// The published posts with tag `slug`, newest first.
    public func posts(tag slug: String) -> [PostSummary] {
        ordered.filter { $0.tags.contains { $0.slug == slug } }
    }

    /// The published posts of `authorId`, newest first.
    public func posts(author authorId: UUID) -> [PostSummary] {
        ordered.filter { $0.authorId == authorId }
    }

    /// Every tag of a published post, by slug, named as on its newest post.
    public var tags: [TagRef] {
        var seen: [String: TagRef] = [:]
        for post in ordered { for tag in post.tags where seen[tag.slug] == nil { seen[tag.slug] = tag } }
        return seen.values.sorted { $0.slug < $1.slug }
    }

    /// The tag named `slug` on its newest post, if a published post has it.
    public func tag(slug: String) -> TagRef? {
        for post in ordered { if let tag = post.tags.first(where: { $0.slug == slug }) { return tag } }
        return nil
    }

    /// The known users with at least one published post, by username.
    public var authors: [PublicUser] {
        Set(ordered.map(\.authorId)).compactMap { users[$0] }.sorted { $0.username < $1.username }
    }

    public func user(username: String) -> PublicUser? {
        users.values.first { $0.username == username }
    }

    /// The old slugs of post `id`, sorted.
    public func oldSlugs(of id: UUID) -> [String] {
        redirects.filter { $0.value == id }.map(\.key).sorted()
    }

    /// The author ids of the published posts that are not among the known users.
    public var unknownAuthorIds: [UUID] {
        Set(ordered.map(\.authorId)).filter { users[$0] == nil }.sorted { $0.uuidString < $1.uuidString }
    }
}
