import Logging

/// An error of a lower layer (the database, a file sink) that knows how the HTTP edge should
/// answer it. ``ProblemMiddleware`` asks it; the conformance lives where both types are known
/// (for PostgreSQL, in InkwellDataKit), so the edge itself links no database client.
public protocol HTTPProblemConvertible: Error {
    /// The problem to answer; log what the client must not see with `logger`.
    func problem(logger: Logger) -> HTTPProblem
}
