import InkwellCore
import ServiceContextModule
import Tracing

extension PostgresClient {
    /// Runs `body` in a transaction on one connection: BEGIN (at `isolation`), COMMIT when `body`
    /// returns, ROLLBACK when it throws.
    ///
    /// On `serialization_failure` (40001) or `deadlock_detected` (40P01), whether raised by a
    /// statement in `body` or by COMMIT, the whole transaction, including `body`, runs again
    /// (up to `maxAttempts` runs in all) after a short jittered backoff, so `body` must not have
    /// side effects outside the database. Other errors are rethrown at once.
    public func withTransaction<T: Sendable>(
        isolation: PostgresIsolation = .readCommitted,
        maxAttempts: Int = 3,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        // One span for the transaction (its statements' spans are children), retries included;
        // only inside traced work, as for statements (``withStatementSpan(_:_:)``).
        guard ServiceContext.current?.outgoingTraceparent != nil else {
            return try await runTransaction(isolation: isolation, maxAttempts: maxAttempts, body)
        }
        return try await withSpan("postgresql transaction", ofKind: .client) { span in
            if span.isRecording { span.attributes["db.system"] = "postgresql" }
            return try await runTransaction(isolation: isolation, maxAttempts: maxAttempts, body)
        }
    }

    private func runTransaction<T: Sendable>(
        isolation: PostgresIsolation,
        maxAttempts: Int,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withConnection { connection in
                    try await connection.executeScript(isolation.beginStatement)
                    let value: T
                    do {
                        value = try await body(connection)
                        try await connection.executeScript("COMMIT")
                    } catch {
                        // Even in a cancelled task; best effort: if the connection died, check-in discards it anyway.
                        try? await self.runCleanup(connection.handle, "ROLLBACK")
                        throw error
                    }
                    return value
                }
            } catch let error as PostgresError where error.kind == .serializationFailure || error.kind == .deadlock {
                guard attempt < max(maxAttempts, 1) else { throw error }
                logger.debug("retrying transaction", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
                // 5-15 ms, 10-30 ms, 20-60 ms, ... so that competing transactions drift apart.
                let base = 5 << min(attempt - 1, 6)
                try await Task.sleep(for: .milliseconds(Int.random(in: base...(3 * base))))
                attempt += 1
            }
        }
    }
}
