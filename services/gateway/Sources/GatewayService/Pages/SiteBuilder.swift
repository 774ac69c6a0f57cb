import Foundation
import InkwellContracts
import InkwellCore
import InkwellFileSink
import Logging
import Metrics

/// Reads the services' current state, renders pages and writes them to the sink: the I/O
/// around ``PageRenderer``, shared by the event consumer (``PagesConsumer``) and
/// `rebuild-pages`. Pages are rendered and written concurrently, a few at a time.
public struct SiteBuilder: Sendable {
    /// Pages written (or removed) at once.
    static let concurrency = 8
    /// Comment trees read at once in a rebuild.
    static let treeConcurrency = 8

    let reads: any ServiceReads
    let sink: any FileSink
    let renderer: PageRenderer
    let logger: Logger
    let metrics = PageMetrics()

    public init(reads: any ServiceReads, sink: any FileSink, site: SiteIdentity, logger: Logger) {
        self.reads = reads
        self.sink = sink
        self.renderer = PageRenderer(site: site)
        self.logger = logger
    }

    /// What one render pass did.
    public struct Outcome: Sendable, Equatable {
        public var written = 0
        public var removed = 0
        /// Pages whose slug, username or tag slug is not a valid path: not written, logged.
        public var refused = 0
    }

    // MARK: Loading

    /// The whole site from the services, and every published post with its body.
    public func load(call: UpstreamCall) async throws -> (SiteModel, [Post]) {
        var posts: [Post] = []
        var cursor: String?
        repeat {
            let page = try await reads.exportPosts(cursor: cursor, limit: 500, call: call)
            posts += page.items
            cursor = page.nextCursor
        } while cursor != nil
        var model = SiteModel()
        model.setPosts(posts.map(\.summary))
        let authorIds = model.unknownAuthorIds, postIds = model.ordered.map(\.id)
        async let users = reads.users(ids: authorIds, call: call)
        async let counts = reads.commentCounts(postIds: postIds, call: call)
        async let redirects = reads.slugRedirects(postIds: nil, call: call)
        model.addUsers(try await users)
        model.setCommentCounts(try await counts)
        model.setRedirects(try await redirects, forPosts: nil)
        return (model, posts)
    }

    /// Re-reads what `changes` name into `model`: the posts' summaries, old slugs and counts,
    /// the posts' comment counts, the users. A comment on a post the model does not know (one
    /// published while no event reached this renderer, e.g. loaded behind the services' backs)
    /// re-reads that post too, so the site learns it.
    public func refresh(_ model: inout SiteModel, for changes: Set<SiteChange>, call: UpstreamCall) async throws {
        var postIdSet: Set<UUID> = [], countIds: Set<UUID> = [], userIds: [UUID] = []
        for change in changes {
            switch change {
            case .post(let id): postIdSet.insert(id); countIds.insert(id)
            case .comments(let postId):
                countIds.insert(postId)
                if model.posts[postId] == nil { postIdSet.insert(postId) }
            case .user(let id): userIds.append(id)
            }
        }
        let postIds = postIdSet.sorted { $0.uuidString < $1.uuidString }
        let ids = postIds, counted = Array(countIds), usersAsked = userIds
        async let summaries = reads.postSummaries(ids: ids, call: call)
        async let redirects = ids.isEmpty ? [] : reads.slugRedirects(postIds: ids, call: call)
        async let counts = reads.commentCounts(postIds: counted, call: call)
        async let users = reads.users(ids: usersAsked, call: call)
        model.refreshPosts(postIds, with: try await summaries)
        model.setRedirects(try await redirects, forPosts: postIds)
        model.setCommentCounts(try await counts)
        model.refreshUsers(userIds, with: try await users)
        let unknown = model.unknownAuthorIds
        if !unknown.isEmpty { model.addUsers(try await reads.users(ids: unknown, call: call)) }
    }

    // MARK: Rendering

    /// Renders `keys` from `model` and writes them, or removes the files of those that no
    /// longer exist. Post pages read their bodies (unless in `bodies`) and comment trees, and
    /// record the users they show in `model`.
    @discardableResult
    public func render(_ keys: Set<PageKey>, model: inout SiteModel, bodies: [UUID: Post] = [:], call: UpstreamCall) async throws -> Outcome {
        let start = ContinuousClock.now
        var outcome = Outcome()
        var valid: [PageKey] = []
        for key in keys.sorted() {
            if SitePaths.file(key) == nil {
                outcome.refused += 1
                logger.warning("page not written: its name is not a valid path", metadata: ["page": "\(key)"])
            } else {
                valid.append(key)
            }
        }
        // The post pages that exist now, with their bodies and comment trees.
        let postIds = valid.compactMap { key -> UUID? in
            if case .post(let slug) = key { return model.post(slug: slug)?.id }
            return nil
        }
        let missing = postIds.filter { bodies[$0] == nil }
        var posts = bodies
        for post in try await reads.posts(ids: missing, call: call) { posts[post.id] = post }
        let trees = try await commentTrees(postIds, call: call)
        let commenters = Set(trees.values.flatMap { Self.authors(of: $0) }).filter { model.users[$0] == nil }
        if !commenters.isEmpty {
            model.addUsers(try await reads.users(ids: commenters.sorted { $0.uuidString < $1.uuidString }, call: call))
        }

        // Render across the cores (pure CPU), then write concurrently.
        let rendered = await renderPages(valid, model: model, posts: posts, trees: trees)
        var files: [(PageKey, [UInt8]?)] = []
        files.reserveCapacity(rendered.count)
        for page in rendered {
            if let shown = page.shownUsers { model.setShownUsers(shown.users, onPost: shown.postId) }
            files.append((page.key, page.bytes))
        }
        let sink = sink
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            var pending = files[...]
            var written = 0, removed = 0
            func startNext() {
                guard let (key, bytes) = pending.popFirst(), let path = SitePaths.file(key) else { return }
                group.addTask {
                    if let bytes {
                        try await sink.write(bytes, to: path, contentType: SitePaths.contentType(key))
                        return true
                    }
                    try await sink.delete(path)
                    return false
                }
            }
            for _ in 0..<Self.concurrency { startNext() }
            while let wrote = try await group.next() {
                if wrote { written += 1 } else { removed += 1 }
                startNext()
            }
            return (written, removed)
        }
        outcome.written = results.0
        outcome.removed = results.1
        metrics.record(outcome, seconds: start.duration(to: .now))
        return outcome
    }

    func commentTrees(_ postIds: [UUID], call: UpstreamCall) async throws -> [UUID: [Comment]] {
        try await withThrowingTaskGroup(of: (UUID, [Comment]).self) { group in
            var pending = postIds[...]
            var trees: [UUID: [Comment]] = [:]
            func startNext() {
                guard let id = pending.popFirst() else { return }
                group.addTask { (id, try await reads.commentTree(postId: id, call: call)) }
            }
            for _ in 0..<Self.treeConcurrency { startNext() }
            while let (id, tree) = try await group.next() {
                trees[id] = tree
                startNext()
            }
            return trees
        }
    }

    static func authors(of comments: [Comment]) -> [UUID] {
        comments.flatMap { [$0.authorId] + authors(of: $0.replies) }
    }

    /// Every page the site has now.
    public static func allKeys(of model: SiteModel) -> Set<PageKey> {
        var keys: Set<PageKey> = [.feed, .sitemap, .notFound, .stylesheet]
        for n in 1...model.indexPageCount { keys.insert(.index(n)) }
        for post in model.ordered { keys.insert(.post(slug: post.slug)) }
        for tag in model.tags { keys.insert(.tag(slug: tag.slug)) }
        for author in model.authors { keys.insert(.author(username: author.username)) }
        for slug in model.redirects.keys { keys.insert(.redirect(oldSlug: slug)) }
        return keys
    }
}
