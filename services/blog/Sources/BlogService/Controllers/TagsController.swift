import Hummingbird
import InkwellContracts
import InkwellServiceKit

/// `GET /api/v1/tags`: `{items: [{name, slug, postCount}]}`, counting published posts only,
/// most used first (ties by slug); a tag no published post carries is left out.
struct TagsController: Sendable {
    let queries: any PostQueries

    func register(on routes: RouteTable) {
        routes.on("/api/v1/tags", .get) { _, _ in
            JSONResponse(ItemList(items: try await self.queries.tagCounts()))
        }
    }
}
