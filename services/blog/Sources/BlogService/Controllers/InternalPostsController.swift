import Hummingbird
import InkwellContracts
import InkwellServiceKit

/// The blog's batch reads for the gateway and the page renderer (never routed by the gateway),
/// published posts only, since both compose public pages:
///
/// - `GET /internal/v1/posts?ids=a,b,c`: `{items: [post summary]}` for up to 100 ids, in the
///   order asked; unknown and unpublished ids are left out.
/// - `GET /internal/v1/posts/export?limit=&cursor=`: `{items: [post], nextCursor}`, every
///   published post with its HTML and tags, oldest `publishedAt` first, keyset-paginated on
///   (publishedAt, id); `limit` 1 to 500 (default 100), so rebuilding 1,000 posts takes 2 pages.
/// - `GET /internal/v1/posts/full?ids=a,b,c`: `{items: [post]}`, whole published posts (with
///   HTML) for up to 100 ids, in the order asked: what an event's page re-render needs.
/// - `GET /internal/v1/slug-redirects[?ids=a,b,c]`: `{items: [{slug, postId}]}`, the old slugs
///   that redirect to the published posts among `ids` (of every published post without `ids`).
struct InternalPostsController: Sendable {
    static let exportLimits = 1...500
    static let exportDefaultLimit = 100
    static let exportPurpose = "blog.posts.export"

    let queries: any PostQueries
    let cursors: CursorCodec

    func register(on routes: RouteTable) {
        routes.on("/internal/v1/posts", .get) { request, _ in
            JSONResponse(ItemList(items: try await self.queries.publishedSummaries(ids: try PostIdList.parse(request))))
        }
        routes.on("/internal/v1/posts/export", .get) { request, _ in try await self.export(request) }
        routes.on("/internal/v1/posts/full", .get) { request, _ in
            JSONResponse(ItemList(items: try await self.queries.publishedPosts(ids: try PostIdList.parse(request))))
        }
        routes.on("/internal/v1/slug-redirects", .get) { request, _ in
            let ids = request.uri.queryParameters.get("ids") == nil ? nil : try PostIdList.parse(request)
            return JSONResponse(ItemList(items: try await self.queries.slugRedirects(postIds: ids)))
        }
    }

    func export(_ request: Request) async throws -> JSONResponse<Page<Post>> {
        let page = try PageRequest<ExportPosition>(
            request, codec: cursors, purpose: Self.exportPurpose, limits: Self.exportLimits, defaultLimit: Self.exportDefaultLimit
        )
        let posts = try await queries.publishedPosts(after: page.after, limit: page.fetchLimit)
        // Every exported post is published, so it has a `publishedAt`.
        let (items, next) = try page.page(posts) { ExportPosition(publishedAt: $0.publishedAt ?? .distantPast, id: $0.id) }
        return JSONResponse(Page(items: items, nextCursor: next))
    }
}
