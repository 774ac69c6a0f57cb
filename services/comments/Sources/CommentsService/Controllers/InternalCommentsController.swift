import Foundation
import Hummingbird
import InkwellContracts
import InkwellServiceKit

/// `GET /internal/v1/posts/{postId}/comments`: a post's whole approved tree, for the gateway and
/// the page renderer (never routed by the gateway). An unknown or deleted post has no comments:
/// `{"items": []}`, so a renderer racing the projection gets an empty thread, not an error.
public struct InternalCommentsController: Sendable {
    let comments: any CommentRepository

    public init(comments: any CommentRepository) { self.comments = comments }

    public func register(on routes: RouteTable) {
        routes.on("/internal/v1/posts/{postId}/comments", .get) { request, context in
            let postId = try CommentPath.id("postId", in: context, what: "post")
            return JSONResponse(ItemList(items: try await self.comments.tree(postId: postId)))
        }
    }
}
