import InkwellPostgres
import InkwellServiceKit
import Logging

/// How the edge answers a database error that no repository turned into a domain error: an
/// outage is a 503 the client may retry, a lost serialization race a 409, anything else a bare
/// 500 (logged; SQL and host names never reach a client).
extension PostgresError: HTTPProblemConvertible {
    public func problem(logger: Logger) -> HTTPProblem {
        switch kind {
        case .connectionFailed, .connectionLost, .poolTimeout, .poolClosed:
            logger.warning("database unavailable", metadata: ["error": "\(self)"])
            return .unavailable("The database is unavailable; try again shortly.", retryAfter: 1)
        case .serializationFailure, .deadlock:
            return HTTPProblem(.conflict, slug: "concurrent-update", detail: "A concurrent change interfered; try again.")
        case .uniqueViolation:
            // A repository should have named the field (ConflictError); this is the safe fallback.
            logger.error("unmapped unique violation", metadata: ["error": "\(self)"])
            return HTTPProblem(.conflict, detail: "The change conflicts with existing data.")
        default:
            logger.error("database error", metadata: ["error": "\(self)"])
            return HTTPProblem(.internalServerError, detail: "An internal error occurred. Quote the request id when you report it.")
        }
    }
}
