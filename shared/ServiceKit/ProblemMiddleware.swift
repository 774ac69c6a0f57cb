import Foundation
import Hummingbird
import InkwellCore
import Logging

/// Turns every error that leaves a handler into RFC 9457 problem+json.
///
/// Known errors keep their status (``HTTPProblem``, ``ConflictError``, Hummingbird's 404/413, and
/// lower layers' errors that are ``HTTPProblemConvertible``, such as database outages); anything else is logged with the request id and answered as a bare 500, so stack
/// traces, SQL and host names never reach a client.
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = InkwellRequestContext

    public init() {}

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
        case let conflict as ConflictError:
            return .conflict(field: conflict.field, message: conflict.message)
        case let error as any HTTPProblemConvertible:
            return error.problem(logger: context.logger)
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
}
