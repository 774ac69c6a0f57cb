import Foundation
import Hummingbird
import InkwellPostgres
import Logging

/// Turns every error that leaves a handler into RFC 9457 problem+json.
///
/// Known errors keep their status (``HTTPProblem``, Hummingbird's 404/413, database conflicts and
/// outages); anything else is logged with the request id and answered as a bare 500, so stack
/// traces, SQL and host names never reach a client.
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = InkwellRequestContext

    /// Maps a unique constraint's name to the request field it protects (for 409 `errors`).
    let uniqueConstraintFields: [String: String]

    public init(uniqueConstraintFields: [String: String] = [:]) {
        self.uniqueConstraintFields = uniqueConstraintFields
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = self.problem(for: error, context: context)
            return try problem.response(from: request, context: context)
        }
    }

    func problem(for error: any Error, context: Context) -> HTTPProblem {
        switch error {
        case let problem as HTTPProblem:
            return problem
        case let error as PostgresError:
            return problem(for: error, context: context)
        case let error as any HTTPResponseError:
            // Hummingbird's own (404 from the router, 413 from body collection, ...).
            let detail: String? = switch error.status.code {
            case 404: "No route matches this path."
            case 413: "The request body is too large."
            default: nil
            }
            return HTTPProblem(error.status, detail: detail)
        case is CancellationError:
            return HTTPProblem(.serviceUnavailable, detail: "The request was cancelled.")
        default:
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return HTTPProblem(.internalServerError, detail: "An internal error occurred. Quote the request id when you report it.")
        }
    }

    func problem(for error: PostgresError, context: Context) -> HTTPProblem {
        switch error.kind {
        case .uniqueViolation:
            let field = error.constraint.flatMap { uniqueConstraintFields[$0] } ?? "id"
            return .conflict(field: field, message: "\(field) is already taken")
        case .connectionFailed, .connectionLost, .poolTimeout, .poolClosed:
            context.logger.warning("database unavailable", metadata: ["error": "\(error)"])
            return .unavailable("The database is unavailable; try again shortly.", retryAfter: 1)
        case .serializationFailure, .deadlock:
            return HTTPProblem(.conflict, slug: "concurrent-update", detail: "A concurrent change interfered; try again.")
        default:
            context.logger.error("database error", metadata: ["error": "\(error)"])
            return HTTPProblem(.internalServerError, detail: "An internal error occurred. Quote the request id when you report it.")
        }
    }
}
