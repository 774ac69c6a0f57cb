import Foundation
import Hummingbird
import InkwellAuth
import InkwellContracts
import InkwellServiceKit

/// `/api/v1/posts`: create, read, list, edit and delete posts (API.md "Posts and tags").
///
/// Writing needs the `author` role and a verified email; editing and deleting a post needs its
/// author or an admin. Drafts and scheduled posts exist only for their author and admins: to
/// everyone else they are 404, on every route, so their slugs never leak.
public struct PostsController: Sendable {
    /// The cursor purpose of the published feed.
    static let feedPurpose = "posts.published"

    let posts: any PostRepository
    let cursors: CursorCodec
    let cache: PublishedReadCache

    public init(posts: any PostRepository, cursors: CursorCodec, cache: PublishedReadCache = PublishedReadCache()) {
        self.posts = posts
        self.cursors = cursors
        self.cache = cache
    }

    public func register(on routes: RouteTable) {
        routes.on("/api/v1/posts", .post) { request, context in try await self.create(request, context: context) }
        routes.on("/api/v1/posts", .get) { request, context in try await self.list(request, context: context) }
        routes.on("/api/v1/posts/{slug}", .get) { request, context in try await self.show(request, context: context) }
        routes.on("/api/v1/posts/{slug}", .patch) { request, context in try await self.update(request, context: context) }
        routes.on("/api/v1/posts/{slug}", .delete) { request, context in try await self.delete(request, context: context) }
    }

    func create(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<Post> {
        let user = try Self.requireWriter(context)
        let new = try await request.decodeJSON(as: PostCreateRequest.self, context: context).validated()
        let post = try await posts.create(new, by: PostWriter(id: user.id, username: user.username))
        context.logger.info("post created", metadata: ["post_id": "\(post.id)", "status": "\(post.status.rawValue)"])
        var headers = Self.headers(of: post)
        headers[.location] = Self.location(of: post.slug)
        return JSONResponse(post, status: .created, headers: headers)
    }

    func list(_ request: Request, context: InkwellRequestContext) async throws -> Response {
        let page = try PageRequest<PostFeedPosition>(request, codec: cursors, purpose: Self.feedPurpose)
        let query = request.uri.queryParameters
        let tag = try Self.single("tag", query.getAll("tag"))
        let author = try Self.single("author", query.getAll("author"))?.lowercased()
        // A tag that cannot be a slug names no posts: an empty page, like an unknown one.
        if let tag, !Slug.isValid(tag) { return .json(body: try ByteBuffer(json: Page<PostSummary>(items: []))) }
        let filter = PostListFilter(tag: tag, author: author)
        let key = FeedCacheKey(filter: filter, after: page.after, fetchLimit: page.fetchLimit)
        if let body = try await cache.feed.value(for: key, currentStamp: { try await posts.listStamps(filter, after: page.after, limit: page.fetchLimit) }) {
            return .json(body: body)
        }
        let listing = try await posts.list(filter, after: page.after, limit: page.fetchLimit)
        let (items, next) = try page.page(listing.summaries) { summary in
            // Published summaries always have a time (the table's check constraint).
            PostFeedPosition(publishedAt: summary.publishedAt ?? .distantPast, id: summary.id)
        }
        let body = try ByteBuffer(json: Page(items: items, nextCursor: next))
        // Kept for the stamps read with the rows: the answer is theirs, whatever happened since.
        cache.feed.store(body, for: key, stamp: listing.stamps)
        return .json(body: body)
    }

    func show(_ request: Request, context: InkwellRequestContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        guard Slug.isValid(slug) else { throw Self.notFound(slug) }
        // A published post is the same answer for everyone; anything else takes the full path.
        if let kept = try await cache.posts.value(for: slug, currentStamp: { try await posts.publishedStamp(slug: slug) }) {
            return .json(body: kept.body, headers: HTTPFields.eTag(version: Int(kept.version)))
        }
        switch try await posts.find(slug: slug) {
        case .current(let post) where Self.canSee(post, context.user):
            let body = try ByteBuffer(json: post)
            if post.status == .published {
                cache.posts.store(RenderedPost(version: post.version, body: body), for: slug, stamp: PostStamp(id: post.id, version: post.version))
            }
            return .json(body: body, headers: Self.headers(of: post))
        case .moved(let post) where Self.canSee(post, context.user):
            return Response(status: .movedPermanently, headers: [.location: Self.location(of: post.slug), .cacheControl: "no-store"])
        default:
            throw Self.notFound(slug)
        }
    }

    func update(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<Post> {
        let user = try Self.requireWriter(context)
        let edit = try await request.decodeJSON(as: PostPatchRequest.self, context: context).validated()
        let post = try await editable(request, context: context, user: user)
        try IfMatch.check(request, currentVersion: Int(post.version))
        if edit.isEmpty { return JSONResponse(post, headers: Self.headers(of: post)) }
        switch try await posts.update(id: post.id, expectedVersion: post.version, edit: edit, by: PostWriter(id: user.id, username: user.username)) {
        case .written(let updated):
            context.logger.info("post updated", metadata: ["post_id": "\(updated.id)", "version": "\(updated.version)", "by": "\(user.id)"])
            return JSONResponse(updated, headers: Self.headers(of: updated))
        case .versionMismatch(let current):
            throw Self.changedMeanwhile(current)
        case .notFound:
            throw Self.notFound(post.slug)
        }
    }

    func delete(_ request: Request, context: InkwellRequestContext) async throws -> Response {
        let user = try Self.requireWriter(context)
        let post = try await editable(request, context: context, user: user)
        try IfMatch.check(request, currentVersion: Int(post.version))
        switch try await posts.delete(id: post.id, expectedVersion: post.version, by: PostWriter(id: user.id, username: user.username)) {
        case .written:
            context.logger.info("post deleted", metadata: ["post_id": "\(post.id)", "by": "\(user.id)"])
            return Response(status: .noContent)
        case .versionMismatch(let current):
            throw Self.changedMeanwhile(current)
        case .notFound:
            throw Self.notFound(post.slug)
        }
    }

    /// The post named by the path's (current) slug, if `user` may change it: 404 when it does not
    /// exist or `user` may not see it, 403 when `user` may see it but is neither its author nor
    /// an admin. Writes name a post by its current slug; an old one is 404.
    func editable(_ request: Request, context: InkwellRequestContext, user: AuthenticatedUser) async throws -> Post {
        let slug = try context.parameters.require("slug")
        guard Slug.isValid(slug), case .current(let post) = try await posts.find(slug: slug), Self.canSee(post, user) else { throw Self.notFound(slug) }
        guard post.authorId == user.id || user.has(role: Role.admin.rawValue) else {
            throw HTTPProblem.forbidden("Only the post's author or an admin may change it.")
        }
        return post
    }

    /// A writer: 401 without a token, 403 without the `author` role or a verified email.
    static func requireWriter(_ context: InkwellRequestContext) throws(HTTPProblem) -> AuthenticatedUser {
        try context.requireRole(.author)
        return try context.requireVerifiedEmail()
    }

    /// Published posts are public; drafts and scheduled posts belong to their author and admins.
    static func canSee(_ post: Post, _ user: AuthenticatedUser?) -> Bool {
        if post.status == .published { return true }
        guard let user else { return false }
        return user.id == post.authorId || user.has(role: Role.admin.rawValue)
    }

    /// `ETag: "<version>"`; unpublished posts are never stored by caches.
    static func headers(of post: Post) -> HTTPFields {
        var headers = HTTPFields.eTag(version: Int(post.version))
        if post.status != .published { headers[.cacheControl] = "no-store" }
        return headers
    }

    static func location(of slug: String) -> String { "/api/v1/posts/" + slug }

    static func notFound(_ slug: String) -> HTTPProblem { .notFound("No post with the slug \(slug.prefix(100)).") }

    static func changedMeanwhile(_ version: Int64) -> HTTPProblem {
        HTTPProblem(.preconditionFailed, slug: "precondition-failed", detail: "The post has changed: its current version is \(version). Fetch it again and retry.",
                    headers: HTTPFields.eTag(version: Int(version)))
    }

    static func single(_ name: String, _ values: [String]) throws(HTTPProblem) -> String? {
        guard values.count <= 1 else { throw .badRequest("\(name) may be given once.") }
        return values.first
    }
}
