import Foundation
import Hummingbird
import InkwellAuth
import InkwellContracts
import InkwellServiceKit

/// The moderation queue and its actions, for moderators and admins (403 for anyone else).
/// Every action is idempotent: the same one again answers 200 with the comment and emits no
/// second event.
public struct ModerationController: Sendable {
    let comments: any CommentRepository
    let cursors: CursorCodec

    public init(comments: any CommentRepository, cursors: CursorCodec) {
        self.comments = comments
        self.cursors = cursors
    }

    public func register(on routes: RouteTable) {
        routes.on("/api/v1/moderation/comments", .get) { request, context in try await self.queue(request, context: context) }
        for action in ModerationAction.allCases {
            routes.on("/api/v1/comments/{id}/\(action.rawValue)", .post) { request, context in
                try await self.moderate(action, request, context: context)
            }
        }
    }

    func queue(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<Page<ModeratedComment>> {
        try context.requireRole(.moderator)
        let status = try Self.status(request.uri.queryParameters.getAll("status"))
        let page = try PageRequest<CommentPosition>(request, codec: cursors, purpose: "comments.moderation.\(status.rawValue)")
        let fetched = try await comments.moderationQueue(status: status, limit: page.fetchLimit, after: page.after)
        let (items, next) = try page.page(fetched) { $0.position }
        return JSONResponse(Page(items: items.map(\.comment), nextCursor: next))
    }

    func moderate(_ action: ModerationAction, _ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<Comment> {
        let moderator = try context.requireRole(.moderator)
        let id = try CommentPath.id("id", in: context, what: "comment")
        switch try await comments.moderate(id: id, action: action) {
        case .changed(let comment):
            context.logger.info("comment moderated", metadata: ["comment_id": "\(id.lowercased)", "action": "\(action.rawValue)", "by": "\(moderator.id.lowercased)"])
            return JSONResponse(comment)
        case .notFound, .forbidden: throw HTTPProblem.notFound("No such comment.")
        }
    }

    /// `?status=` (default `pending`); 400 for another value or a repeated parameter.
    static func status(_ values: [String]) throws(HTTPProblem) -> CommentStatus {
        guard values.count <= 1 else { throw .badRequest("status may be given once.") }
        guard let raw = values.first else { return .pending }
        guard let status = CommentStatus(rawValue: raw) else {
            throw HTTPProblem(.badRequest, detail: "status must be one of approved, pending, rejected, spam.",
                              errors: [FieldError(field: "status", message: "must be one of approved, pending, rejected, spam")])
        }
        return status
    }
}
