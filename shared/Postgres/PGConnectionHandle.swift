import CLibPQ
import Foundation
import Dispatch
import Synchronization

/// Owns one `PGconn` (closed with `PQfinish` in `deinit`) and its `PGcancel`.
///
/// Every method here except ``requestCancel()`` may block and is only called from the client's
/// thread pool. Thread safety (why `@unchecked Sendable` is sound): the `PGconn` pointer is only
/// dereferenced inside `lock.withLock`, so even if two tasks shared one ``PostgresConnection``
/// (`async let` in a `withConnection` body) libpq never sees two threads on one connection; the
/// pool additionally hands a handle to one lease at a time. `PGcancel` is documented by libpq as
/// safe to use from any thread while the connection is busy; it is only freed in `deinit`, when
/// no one can call ``requestCancel()`` any more.
final class PGConnectionHandle: @unchecked Sendable {
    private let conn: OpaquePointer
    private let cancelObject: OpaquePointer?
    private let lock = Mutex(())
    /// Set when a cancel request was sent (or ``discardAfterUse()`` was called): such a connection
    /// is never reused, since a late cancel could otherwise hit the next query of an unrelated caller.
    private let cancelRequested = Atomic<Bool>(false)
    private let executing = Atomic<Bool>(false)
    let id: Int

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
        return lock.withLock { _ in
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
        return lock.withLock { _ in
            guard PQstatus(conn) == CONNECTION_OK else { return .broken }
            switch PQtransactionStatus(conn) {
            case PQTRANS_IDLE: return .idle
            case PQTRANS_INTRANS, PQTRANS_INERROR: return .needsRollback
            default: return .broken
            }
        }
    }

    /// Runs one statement with parameters (extended protocol, text format). Blocking.
    func execute(sql: String, parameters: [(type: PostgresDataType, text: String?)]) throws -> (rows: [PostgresRow], affectedRows: Int) {
        let types = parameters.map { Oid($0.type.rawValue) }
        let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.text.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let values: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        return try run {
            PQexecParams(conn, sql, Int32(parameters.count), types, values, nil, nil, 0)
        }
    }

    /// Runs SQL without parameters over the simple query protocol, so several statements
    /// separated by `;` are allowed (migration files). Blocking.
    func executeScript(_ sql: String) throws -> (rows: [PostgresRow], affectedRows: Int) {
        try run { PQexec(conn, sql) }
    }

    private func run(_ send: () -> OpaquePointer?) throws -> (rows: [PostgresRow], affectedRows: Int) {
        try lock.withLock { _ in
            executing.store(true, ordering: .relaxed)
            defer { executing.store(false, ordering: .relaxed) }
            guard let raw = send() else {
                throw connectionError(fallback: "libpq returned no result")
            }
            let result = PGResultHandle(raw)
            switch result.status {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                return (result.rows(), result.affectedRows)
            case PGRES_FATAL_ERROR:
                throw serverError(result)
            default:
                let status = String(cString: PQresStatus(result.status))
                throw PostgresError(kind: .queryFailed, message: "unsupported result status \(status) (COPY is not supported)")
            }
        }
    }

    /// Called with the lock held.
    private func connectionError(fallback: String) -> PostgresError {
        let message = Self.trimmed(PQerrorMessage(conn))
        let kind: PostgresError.Kind = PQstatus(conn) == CONNECTION_OK ? .queryFailed : .connectionLost
        return PostgresError(kind: kind, message: message.isEmpty ? fallback : message)
    }

    /// Called with the lock held.
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

    /// Makes sure the connection is closed at the end of its lease instead of going back to the
    /// pool (e.g. it may still hold a session-level advisory lock).
    func discardAfterUse() {
        cancelRequested.store(true, ordering: .relaxed)
    }

    /// Asks the server to cancel the statement running on this connection, if any. Does not block
    /// the caller (PQcancel opens a connection of its own, so it runs on a global queue) and marks
    /// the connection as not reusable.
    func requestCancel() {
        guard executing.load(ordering: .relaxed), cancelObject != nil else { return }
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
