import Foundation
import Hummingbird
import InkwellContracts
import InkwellCore
import InkwellDataKit
import InkwellServiceKit

/// `/api/v1/posts/{slug}/comments` and `/api/v1/comments/{id}`: the threads of a post, and
/// writing, editing and deleting comments. Posts are resolved in the service's own projection;
/// nothing here calls the blog service.
public struct CommentsController: Sendable {
    /// API.md: at most 5 comments per minute per account.
    public static let createLimit = RateLimit(5, per: .seconds(60))
    let comments: any CommentRepository
    let counts: any CommentCountsRepository
    let limiter: RateLimiter
    let cursors: CursorCodec
    let pages: CommentPageCache

    public init(
        comments: any CommentRepository, counts: any CommentCountsRepository, limiter: RateLimiter, cursors: CursorCodec,
        pages: CommentPageCache = CommentPageCache()
    ) {
        self.comments = comments
        self.counts = counts
        self.limiter = limiter
        self.cursors = cursors
        self.pages = pages
    }

    public func register(on routes: RouteTable) {
        routes.on("/api/v1/posts/{slug}/comments", .get) { request, context in try await self.tree(request, context: context) }
        routes.on("/api/v1/posts/{slug}/comments", .post) { request, context in try await self.create(request, context: context) }
        routes.on("/api/v1/comments/{id}", .patch) { request, context in try await self.edit(request, context: context) }
        routes.on("/api/v1/comments/{id}", .delete) { request, context in try await self.delete(request, context: context) }
    }

    func tree(_ request: Request, context: InkwellRequestContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        guard let post = try await comments.publishedPost(slug: slug) else { throw HTTPProblem.notFound("No published post \(slug).") }
        // Cursors are per post: one from another post's thread is 400.
        let page = try PageRequest<CommentPosition>(request, codec: cursors, purpose: "comments.tree.\(post.id.lowercased)")
        // The page as rendered at the version of the post's comments just read: no write since.
        let key = CommentPageCache.Key(postId: post.id, limit: page.limit, after: page.after)
        if let cached = await pages.page(for: key, version: post.commentsVersion) { return Self.json(cached, postId: post.id) }
        let fetched = try await comments.treePage(postId: post.id, limit: page.fetchLimit, after: page.after)
        let (items, next) = try page.page(fetched) { $0.position }
        let count = try await counts.approvedCounts(postIds: [post.id])[post.id] ?? 0
        // Both read after the version, so at least as new as it: never older than what they are kept for.
        let body = try ByteBuffer(json: Page(items: items.compactMap(\.comment), nextCursor: next))
        let rendered = CommentPageCache.Rendered(body: body, commentCount: count)
        pages.store(rendered, for: key, version: post.commentsVersion)
        return Self.json(rendered, postId: post.id)
    }

    /// A rendered thread with ``JSONResponse``'s headers, `X-Inkwell-Post-Id` (the post the slug
    /// resolved to, which an empty page does not show, so that the gateway can tag its cached
    /// answer with the post its comment events name) and `X-Inkwell-Comment-Count` (so that the
    /// gateway's post read needs no second call for it).
    static func json(_ page: CommentPageCache.Rendered, postId: UUID) -> Response {
        .json(body: page.body, headers: [.inkwellPostId: postId.lowercased, .inkwellCommentCount: String(page.commentCount)])
    }

    func create(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<Comment> {
        let user = try context.requireVerifiedEmail()
        let slug = try context.parameters.require("slug")
        let draft = try await request.decodeJSON(as: CommentDraft.self, context: context).validated()
        // Counted before the write, in its own statement: the limiter's row lock makes
        // concurrent posts of one account take turns, so a burst gets exactly 5 through.
        try await limiter.enforce("comments.create:\(user.id.lowercased)", limit: Self.createLimit)
        switch try await comments.create(draft, onPostSlug: slug, by: user) {
        case .created(let comment):
            context.logger.info("comment created", metadata: ["comment_id": "\(comment.id.lowercased)", "status": "\(comment.status.rawValue)"])
            return JSONResponse(comment, status: .created)
        case .postNotFound: throw HTTPProblem.notFound("No published post \(slug).")
        case .invalidParent(let message): throw HTTPProblem.validation([FieldError(field: "parentId", message: message)])
        }
    }

    func edit(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<Comment> {
        let user = try context.requireUser()
        let id = try CommentPath.id("id", in: context, what: "comment")
        let edit = try await request.decodeJSON(as: CommentEdit.self, context: context).validated()
        switch try await comments.edit(id: id, body: edit.body, by: user) {
        case .changed(let comment): return JSONResponse(comment)
        case .notFound: throw HTTPProblem.notFound("No such comment.")
        case .forbidden: throw HTTPProblem.forbidden("Only its author may edit a comment.")
        }
    }

    func delete(_ request: Request, context: InkwellRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try CommentPath.id("id", in: context, what: "comment")
        switch try await comments.delete(id: id, by: user) {
        case .deleted: return Response(status: .noContent)
        case .notFound: throw HTTPProblem.notFound("No such comment.")
        case .forbidden: throw HTTPProblem.forbidden("Only its author, a moderator or an admin may delete a comment.")
        }
    }
}
