import Foundation
import Hummingbird
import InkwellServiceKit

/// `GET /internal/v1/comment-counts?postIds=a,b,c`: approved, not deleted comments per post for
/// the gateway and the page renderer (never routed by the gateway). Up to 100 ids; every id is
/// in the answer (0 for a post without visible comments, unknown or deleted).
public struct InternalCountsController: Sendable {
    public static let maxIds = 100
    let counts: any CommentCountsRepository

    public init(counts: any CommentCountsRepository) { self.counts = counts }

    public func register(on routes: RouteTable) {
        routes.on("/internal/v1/comment-counts", .get) { request, context in
            let ids = try Self.parsePostIds(request.uri.queryParameters.get("postIds"))
            return JSONResponse(CommentCounts(postIds: ids, found: try await self.counts.approvedCounts(postIds: ids)))
        }
    }

    /// The distinct ids of `?postIds=`, in the order given; 400 for a missing list, a malformed
    /// id or more than 100 ids.
    public static func parsePostIds(_ raw: String?) throws(HTTPProblem) -> [UUID] {
        try UUIDListParameter(name: "postIds", noun: "post id", limit: maxIds).parse(raw)
    }
}
