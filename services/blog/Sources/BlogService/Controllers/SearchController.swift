import Hummingbird
import InkwellContracts
import InkwellServiceKit

/// `GET /api/v1/search?q=&limit=&cursor=`: ranked full-text search over published posts
/// (websearch syntax), keyset-paginated on (rank, id); each hit is the post's summary and a
/// safe `highlight`. A query with no lexemes (only stop words or punctuation) finds nothing.
struct SearchController: Sendable {
    let queries: any PostQueries
    let cursors: CursorCodec

    func register(on routes: RouteTable) {
        routes.on("/api/v1/search", .get) { request, _ in try await self.search(request) }
    }

    func search(_ request: Request) async throws -> JSONResponse<Page<SearchHit>> {
        let query = try SearchQuery(request)
        let page = try PageRequest<SearchPosition>(request, codec: cursors, purpose: query.cursorPurpose)
        let (items, next) = try page.page(try await queries.search(query, after: page.after, limit: page.fetchLimit)) { $0.position }
        return JSONResponse(Page(items: items.map(\.hit), nextCursor: next))
    }
}
