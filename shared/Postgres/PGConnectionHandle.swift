internal import CLibPQ
import Dispatch
import Foundation
import Synchronization

/// Owns one `PGconn` (closed with `PQfinish` in `deinit`), its `PGcancel` and its prepared statements.
///
/// Every method here except ``requestCancel()`` and ``discardAfterUse()`` may block and is only
/// called from a thread-pool thread. Thread safety (why `@unchecked Sendable` is sound): the
/// `PGconn` pointer is only dereferenced inside `state.withLock`, so even if two tasks shared one
/// ``PostgresConnection`` (`async let` in a `withConnection` body) libpq never sees two threads
/// on one connection; the pool additionally hands a handle to one lease at a time. `PGcancel` is
/// documented by libpq as safe to use from any thread while the connection is busy; it is only
/// freed in `deinit`, when no one can send a cancel request any more.
///
/// Statements are sent asynchronously (`PQsend*`) and awaited in a `poll` loop of our own instead of
/// inside libpq, so that the waiting thread can re-send a cancel request while the statement's
/// ``StatementState`` says it is cancelled, and give up at a deadline (the health check).
final class PGConnectionHandle: @unchecked Sendable {
    private let conn: OpaquePointer
    private let cancelObject: OpaquePointer?
    private let state = Mutex(PGStatementCache())
    /// Set when a cancel request was sent (or ``discardAfterUse()`` was called): such a connection
    /// is never reused, since a late cancel could otherwise hit the next query of an unrelated caller.
    private let cancelRequested = Atomic<Bool>(false)
    let id: Int

    typealias Outcome = (rows: [PostgresRow], affectedRows: Int)

    private init(conn: OpaquePointer, id: Int) {
        self.conn = conn
        self.cancelObject = PQgetCancel(conn)
        self.id = id
    }

    deinit {
        if let cancelObject { PQfreeCancel(cancelObject) }
        // PQfinish sends Terminate on a non-blocking socket and closes it; it does not wait.
        PQfinish(conn)
    }

    /// Opens a connection (blocking, bounded by `connect_timeout`).
    static func connect(parameters: [(key: String, value: String)], id: Int) throws -> PGConnectionHandle {
        let keys = parameters.map { strdup($0.key) }
        let values = parameters.map { strdup($0.value) }
        defer {
            keys.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keyPointers: [UnsafePointer<CChar>?] = keys.map { UnsafePointer($0) } + [nil]
        let valuePointers: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        guard let conn = PQconnectdbParams(keyPointers, valuePointers, 0) else {
            throw PostgresError(kind: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(conn))
            PQfinish(conn)
            throw PostgresError(kind: .connectionFailed, message: message.isEmpty ? "connection failed" : message)
        }
        return PGConnectionHandle(conn: conn, id: id)
    }

    /// Whether the connection can be handed out. Non-blocking (libpq sockets are non-blocking).
    ///
    /// An idle connection should have nothing to read. When the server closes it (restart,
    /// `pg_terminate_backend`, idle timeout) it first sends a FATAL error message and then EOF;
    /// one `PQconsumeInput` may read just the message and leave the status `CONNECTION_OK`, so
    /// the check reads twice (the second read meets the EOF) and also asks the kernel whether
    /// the peer hung up.
    func isReusable() -> Bool {
        guard !cancelRequested.load(ordering: .relaxed) else { return false }
        return state.withLock { _ in
            for _ in 0..<2 {
                guard PQconsumeInput(conn) == 1, PQstatus(conn) == CONNECTION_OK else { return false }
            }
            var descriptor = pollfd(fd: PQsocket(conn), events: Int16(POLLIN) | Self.peerHungUp, revents: 0)
            if poll(&descriptor, 1, 0) > 0, descriptor.revents & (Int16(POLLHUP) | Self.peerHungUp | Int16(POLLERR) | Int16(POLLNVAL)) != 0 {
                return false
            }
            return PQtransactionStatus(conn) == PQTRANS_IDLE
        }
    }

    /// `POLLRDHUP` (Linux, needs _GNU_SOURCE so Swift does not see it); 0 elsewhere.
    #if os(Linux)
    private static let peerHungUp: Int16 = 0x2000
    #else
    private static let peerHungUp: Int16 = 0
    #endif

    /// What the pool should do with the connection when a lease ends. Non-blocking.
    enum ReturnState { case idle, needsRollback, broken }
    var returnState: ReturnState {
        guard !cancelRequested.load(ordering: .relaxed) else { return .broken }
        return state.withLock { _ in
            guard PQstatus(conn) == CONNECTION_OK else { return .broken }
            switch PQtransactionStatus(conn) {
            case PQTRANS_IDLE: return .idle
            case PQTRANS_INTRANS, PQTRANS_INERROR: return .needsRollback
            default: return .broken
            }
        }
    }

    /// Number of statements prepared on this connection (for tests).
    var preparedStatementCount: Int { state.withLock { $0.count } }

    /// Runs one statement with parameters (extended protocol, text results). Blocking.
    ///
    /// A statement seen before on this connection is prepared once and then only executed
    /// (``PGStatementCache``). If the server lost it or its plan went stale (DDL changed a result
    /// type) and no transaction was open, it is prepared again and run once more: the failed
    /// attempt did nothing.
    func execute(sql: String, parameters: PGParameters, statement: StatementState) throws -> Outcome {
        try state.withLock { cache in
            let key = PGStatementCache.Key(sql: sql, types: parameters.types)
            switch cache.lookup(key) {
            case .once:
                return try executeUnnamed(sql: sql, parameters: parameters, statement: statement)
            case .prepare(let name):
                try prepare(name: name, sql: sql, parameters: parameters, statement: statement)
                if let evicted = cache.insert(key, name: name) { deallocate(evicted) }
                return try executePrepared(name: name, parameters: parameters, statement: statement)
            case .prepared(let name):
                let idleBefore = PQtransactionStatus(conn) == PQTRANS_IDLE
                do {
                    return try executePrepared(name: name, parameters: parameters, statement: statement)
                } catch let error as PostgresError where idleBefore && Self.isStalePreparedStatement(error) {
                    cache.remove(key)
                    deallocate(name)
                    try prepare(name: name, sql: sql, parameters: parameters, statement: statement)
                    _ = cache.insert(key, name: name)
                    return try executePrepared(name: name, parameters: parameters, statement: statement)
                }
            }
        }
    }

    /// 26000: the prepared statement is gone (`DEALLOCATE ALL`, `DISCARD ALL`); 0A000 "cached plan
    /// must not change result type": a table it reads changed shape.
    private static func isStalePreparedStatement(_ error: PostgresError) -> Bool {
        error.sqlState == "26000" || (error.sqlState == "0A000" && error.message.contains("cached plan"))
    }

    /// Runs SQL without parameters over the simple query protocol, so several statements
    /// separated by `;` are allowed (migration files). Blocking. With a `deadline`, gives up then
    /// (the connection is then unusable and marked so).
    func executeScript(_ sql: String, statement: StatementState, deadline: ContinuousClock.Instant? = nil) throws -> Outcome {
        try state.withLock { _ in
            try run(statement: statement, deadline: deadline) { PQsendQuery(conn, sql) }
        }
    }

    // MARK: - Called with the lock held

    private func executeUnnamed(sql: String, parameters: PGParameters, statement: StatementState) throws -> Outcome {
        try parameters.withValuePointers { values in
            try run(statement: statement) {
                PQsendQueryParams(conn, sql, Int32(parameters.count), parameters.types, values, parameters.lengths, parameters.formats, 0)
            }
        }
    }

    private func executePrepared(name: String, parameters: PGParameters, statement: StatementState) throws -> Outcome {
        try parameters.withValuePointers { values in
            try run(statement: statement) {
                PQsendQueryPrepared(conn, name, Int32(parameters.count), values, parameters.lengths, parameters.formats, 0)
            }
        }
    }

    private func prepare(name: String, sql: String, parameters: PGParameters, statement: StatementState) throws {
        _ = try run(statement: statement) { PQsendPrepare(conn, name, sql, Int32(parameters.count), parameters.types) }
    }

    /// Best effort: a statement that cannot be deallocated (e.g. inside a failed transaction) just
    /// stays on the server until the connection closes; its name is never reused.
    private func deallocate(_ name: String) {
        guard PQstatus(conn) == CONNECTION_OK, PQtransactionStatus(conn) != PQTRANS_INERROR else { return }
        _ = try? run(statement: StatementState.started()) { PQsendQuery(conn, "DEALLOCATE \"\(name)\"") }
    }

    /// Sends with `send`, then collects every result: the first error or else the last result.
    private func run(statement: StatementState, deadline: ContinuousClock.Instant? = nil, _ send: () -> Int32) throws -> Outcome {
        guard send() == 1 else { throw connectionError(fallback: "libpq could not send the statement") }
        var last: PGResultHandle?
        var failure: PGResultHandle?
        while let raw = try nextResult(statement: statement, deadline: deadline) {
            let result = PGResultHandle(raw)
            switch result.status {
            case PGRES_FATAL_ERROR:
                if failure == nil { failure = result }
            case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
                // Nothing here speaks COPY: the connection cannot be brought back to a known state.
                cancelRequested.store(true, ordering: .relaxed)
                throw PostgresError(kind: .queryFailed, message: "COPY is not supported")
            default:
                last = result
            }
        }
        if let failure { throw serverError(failure) }
        guard let last else { throw connectionError(fallback: "libpq returned no result") }
        switch last.status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return (last.rows(), last.affectedRows)
        default:
            let status = String(cString: PQresStatus(last.status))
            throw PostgresError(kind: .queryFailed, message: "unsupported result status \(status)")
        }
    }

    /// Waits for the next result (`nil`: the statement is done), polling the socket so the wait
    /// can react to a cancellation (re-sending the request with backoff until the statement ends)
    /// and to `deadline`.
    private func nextResult(statement: StatementState, deadline: ContinuousClock.Instant?) throws -> OpaquePointer? {
        var nextCancel: ContinuousClock.Instant?
        var backoff = Duration.milliseconds(100)
        while PQisBusy(conn) == 1 {
            let now = ContinuousClock.now
            if statement.isCancelled, nextCancel.map({ now >= $0 }) ?? true {
                requestCancel()
                nextCancel = now + backoff
                backoff = min(backoff * 2, .seconds(2))
            }
            var waitMilliseconds: Int32 = statement.isCancelled ? 20 : 100
            if let deadline {
                guard now < deadline else {
                    cancelRequested.store(true, ordering: .relaxed)
                    throw PostgresError(kind: .connectionLost, message: "no answer from the server in time")
                }
                let left = deadline - now
                waitMilliseconds = min(waitMilliseconds, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1))
            }
            var descriptor = pollfd(fd: PQsocket(conn), events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, waitMilliseconds)
            // On failure (connection lost) PQgetResult below reports the error without blocking.
            if PQconsumeInput(conn) == 0 { break }
        }
        return PQgetResult(conn)
    }

    private func connectionError(fallback: String) -> PostgresError {
        let message = Self.trimmed(PQerrorMessage(conn))
        let kind: PostgresError.Kind = PQstatus(conn) == CONNECTION_OK ? .queryFailed : .connectionLost
        return PostgresError(kind: kind, message: message.isEmpty ? fallback : message)
    }

    private func serverError(_ result: PGResultHandle) -> PostgresError {
        let sqlState = result.errorField("C")
        // A dead connection (server shutdown 57P01, crash, network) reports CONNECTION_BAD
        // whatever SQLSTATE the last message carried.
        let kind = PQstatus(conn) == CONNECTION_OK ? PostgresError.kind(forSQLState: sqlState) : .connectionLost
        let message = result.errorField("M") ?? Self.trimmed(PQresultErrorMessage(result.pointer))
        return PostgresError(
            kind: kind,
            sqlState: sqlState,
            message: message.isEmpty ? "query failed" : message,
            constraint: result.errorField("n"),
            table: result.errorField("t"),
            column: result.errorField("c"),
            detail: result.errorField("D")
        )
    }

    // MARK: - Any thread

    /// Makes sure the connection is closed at the end of its lease instead of going back to the pool.
    func discardAfterUse() {
        cancelRequested.store(true, ordering: .relaxed)
    }

    /// Asks the server to cancel the statement running on this connection, if any, and marks the
    /// connection as not reusable. Does not block the caller: PQcancel opens a connection of its
    /// own, so it runs on a global queue.
    func requestCancel() {
        guard cancelObject != nil else { return }
        cancelRequested.store(true, ordering: .relaxed)
        // The closure keeps `self` (and so `cancelObject`) alive until PQcancel returns.
        DispatchQueue.global().async { self.sendCancel() }
    }

    private func sendCancel() {
        guard let cancelObject else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelObject, &buffer, Int32(buffer.count))
    }

    private static func trimmed(_ message: UnsafeMutablePointer<CChar>?) -> String {
        guard let message else { return "" }
        var text = String(cString: message)
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
