import Logging
import InkwellCore
import ServiceContextModule
import Tracing
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A pool of PostgreSQL connections over libpq, run as a ServiceLifecycle `Service`.
///
/// **Threads.** libpq is used in blocking mode, and every call that can block (connect,
/// `PQexecParams`, `PQexec`, ROLLBACK on check-in) runs on a dedicated `NIOThreadPool` with one
/// thread per pool slot, never on Swift's cooperative pool (the check of an idle connection at
/// checkout does not block and runs in the caller's task). The thread pool starts in `init` (so
/// the client can be used before ``run()``, e.g. to migrate) and stops in ``shutdown()``, which
/// ``run()`` calls on graceful shutdown or cancellation. A client never run must be shut down with
/// ``shutdown()`` (its `deinit` also stops the threads, as a safety net).
///
/// **Pool.** Up to `poolSize` connections, opened lazily; callers beyond that wait in FIFO order
/// for at most `checkoutTimeout` (then `.poolTimeout`). Before an idle connection is handed out it
/// is checked (`PQconsumeInput` + `PQstatus`); one the server closed (restart, idle kill) is
/// replaced transparently. A connection returned inside a transaction is rolled back; one that
/// died or had a cancel request is discarded. A query on a connection that dies mid-flight throws
/// `.connectionLost`; a connection that cannot be opened throws `.connectionFailed`
/// (bounded by `connectTimeout`).
///
/// **Cancellation.** Cancelling the task is never lost: a statement cancelled before its thread
/// starts it is never sent (and the connection stays reusable); one cancelled while it runs gets a
/// cancel request (`PQcancel`), re-sent until the statement ends; the call then throws
/// `CancellationError` and the connection is discarded. See ``StatementState``.
///
/// **Statements** run with their parameters' lengths (text parameters holding a NUL are refused
/// with `.invalidParameter`; `[UInt8]` goes as binary bytea) and are prepared on each connection
/// from their second run on (``PGStatementCache``).
///
/// **Readiness.** ``ping()`` uses a connection and thread of its own (``PostgresHealthCheck``):
/// it never waits for the pool and answers within `healthCheckTimeout`.
public final class PostgresClient: Service, Sendable {
    public let configuration: PostgresConfiguration
    let logger: Logger
    let pool: ConnectionPool
    let metrics: PostgresMetrics
    private let threadPool: NIOThreadPool
    private let healthCheck: PostgresHealthCheck
    private let connectionIDs = Atomic<Int>(0)
    private let threadPoolStopped = Atomic<Bool>(false)

    public init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.metrics = PostgresMetrics(applicationName: configuration.applicationName)
        self.pool = ConnectionPool(capacity: configuration.poolSize, metrics: metrics)
        self.threadPool = NIOThreadPool(numberOfThreads: configuration.poolSize)
        self.healthCheck = PostgresHealthCheck(configuration: configuration, logger: logger)
        threadPool.start()
    }

    deinit {
        // Safety net for a client that was never shut down: stop the threads without waiting.
        if !threadPoolStopped.exchange(true, ordering: .relaxed) {
            threadPool.shutdownGracefully { _ in }
        }
    }

    /// Lives until graceful shutdown or cancellation, then closes every connection and stops the thread pool.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    /// Closes idle connections, fails waiting and future callers with `.poolClosed` and stops the
    /// thread pool (a statement already running finishes first). Connections in use are closed
    /// when their lease ends. Safe to call more than once.
    public func shutdown() async {
        let idle = pool.close()
        logger.debug("postgres client shutting down", metadata: ["idle_connections": "\(idle.count)"])
        drop(idle)
        guard !threadPoolStopped.exchange(true, ordering: .relaxed) else { return }
        await healthCheck.shutdown()
        try? await threadPool.shutdownGracefully()
    }

    // MARK: - Queries

    /// Runs one statement on a pooled connection and returns all rows.
    public func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await withConnection { try await $0.query(query) }
    }

    /// Runs one statement on a pooled connection and returns the number of rows affected.
    @discardableResult
    public func execute(_ query: PostgresQuery) async throws -> Int {
        try await withConnection { try await $0.execute(query) }
    }

    /// Leases one connection for `body` (statements in `body` run on the same session, in order).
    /// The connection must not escape the closure. If `body` leaves a transaction open, it is
    /// rolled back when the lease ends.
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let handle = try await checkout()
        let connection = PostgresConnection(handle: handle, client: self)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(connection))
        } catch {
            result = .failure(error)
        }
        connection.invalidate()
        await checkin(handle)
        return try result.get()
    }

    /// `true` if the server answers `SELECT 1` within `healthCheckTimeout` (for readiness probes).
    ///
    /// Independent of the pool: it runs on a dedicated, lazily opened connection with a thread of
    /// its own, so a pool whose connections are all busy still reports ready. `false` after ``shutdown()``.
    public func ping() async -> Bool {
        guard !pool.isClosed else { return false }
        return await healthCheck.ping()
    }

    /// Connections currently leased (in use or opening) and idle; for tests and diagnostics.
    public var connectionCounts: (inUse: Int, idle: Int) {
        let counts = pool.counts
        return (counts.leased, counts.idle)
    }

    // MARK: - Pool plumbing

    private func checkout() async throws -> PGConnectionHandle {
        let start = ContinuousClock.now
        let lease = try await pool.acquire(timeout: configuration.checkoutTimeout)
        let waited = ContinuousClock.now - start
        metrics.checkoutWait.recordNanoseconds(waited.components.seconds * 1_000_000_000 + waited.components.attoseconds / 1_000_000_000)
        do {
            let parameters = configuration.connectionParameters
            let id = connectionIDs.wrappingAdd(1, ordering: .relaxed).newValue
            // The check of an idle connection is non-blocking (a read of what the socket holds
            // and a zero-timeout poll), so it runs right here: a hop to the thread pool and
            // back for it cost a thread wake-up per statement. Only connecting hops.
            if let lease {
                if lease.isReusable() { return lease }
                drop([lease])
            }
            let replaced = lease != nil
            let handle = try await runBlocking { try PGConnectionHandle.connect(parameters: parameters, id: id) }
            if replaced {
                logger.info("replaced a pooled PostgreSQL connection the server had closed", metadata: ["connection": "\(handle.id)"])
            } else {
                logger.debug("opened PostgreSQL connection", metadata: ["connection": "\(id)"])
            }
            return handle
        } catch {
            pool.release(nil)
            if let error = error as? PostgresError, error.kind == .connectionFailed {
                logger.warning("cannot connect to PostgreSQL", metadata: ["error": "\(error)"])
            }
            throw error
        }
    }

    /// Ends a lease: rolls back an open transaction, discards a broken connection.
    private func checkin(_ handle: PGConnectionHandle) async {
        var reusable = false
        switch handle.returnState {
        case .idle:
            reusable = true
        case .needsRollback:
            reusable = (try? await runBlocking { () throws -> Bool in
                _ = try handle.executeScript("ROLLBACK", statement: .started())
                return handle.returnState == .idle
            }) ?? false
        case .broken:
            logger.debug("discarding PostgreSQL connection", metadata: ["connection": "\(handle.id)"])
        }
        if reusable, !pool.isClosed {
            pool.release(handle)
        } else {
            pool.release(nil)
            drop([handle])
        }
    }

    /// Releases handles (closing them) on the thread pool when it still runs, so `PQfinish`
    /// stays off the cooperative pool; after shutdown they close wherever the last reference goes.
    private func drop(_ handles: [PGConnectionHandle]) {
        guard !handles.isEmpty else { return }
        threadPool.submit { _ in _ = handles }
    }

    /// Runs a blocking libpq call on the thread pool. Not tied to task cancellation on purpose:
    /// clean-up work (ROLLBACK at check-in) must run even for a cancelled task.
    func runBlocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            threadPool.submit { state in
                guard case .active = state else {
                    continuation.resume(throwing: PostgresError.poolClosed())
                    return
                }
                continuation.resume(with: Result(catching: body))
            }
        }
    }

    /// Runs one statement on `handle` with metrics and cancellation support.
    func run(_ handle: PGConnectionHandle, _ query: PostgresQuery) async throws -> PGConnectionHandle.Outcome {
        let parameters = try PGParameters(binds: query.binds)
        let sql = query.sql
        return try await withStatementSpan(sql) {
            try await runStatement(handle) { statement in
                try handle.execute(sql: sql, parameters: parameters, statement: statement)
            }
        }
    }

    /// A client span per statement when a tracer records spans: `db.system=postgresql` and the
    /// statement's text, with `$n` placeholders, never the values. Named after the statement's
    /// first keyword (`SELECT`, `INSERT`, ...), found only for a recording span.
    /// Only inside traced work (a request's or an event's): a poll of a background worker
    /// would otherwise start a trace of its own every round.
    func withStatementSpan<T>(_ sql: String, _ body: () async throws -> T) async throws -> T {
        guard ServiceContext.current?.outgoingTraceparent != nil else { return try await body() }
        return try await withSpan("postgresql", ofKind: .client) { span in
            if span.isRecording {
                span.operationName = Self.operationName(sql)
                span.attributes["db.system"] = "postgresql"
                span.attributes["db.statement"] = sql
            }
            return try await body()
        }
    }

    /// The first word of `sql`, upper-cased (`SELECT`), or `postgresql` when there is none.
    static func operationName(_ sql: String) -> String {
        let word = sql.utf8.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }.prefix { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
        return word.isEmpty ? "postgresql" : String(decoding: word, as: UTF8.self).uppercased()
    }

    /// Runs a parameterless, possibly multi-statement script on `handle` (simple query protocol).
    func runScript(_ handle: PGConnectionHandle, _ sql: String) async throws -> PGConnectionHandle.Outcome {
        try await runStatement(handle) { statement in try handle.executeScript(sql, statement: statement) }
    }

    /// Runs a script that must run even in a cancelled task (ROLLBACK after a failure, so that
    /// transaction-scoped locks are released before the caller returns).
    func runCleanup(_ handle: PGConnectionHandle, _ sql: String) async throws {
        _ = try await runBlocking { try handle.executeScript(sql, statement: .started()) }
    }

    private func runStatement(
        _ handle: PGConnectionHandle,
        _ body: @escaping @Sendable (StatementState) throws -> PGConnectionHandle.Outcome
    ) async throws -> PGConnectionHandle.Outcome {
        try Task.checkCancellation()
        metrics.queries.increment()
        let statement = StatementState()
        do {
            return try await withTaskCancellationHandler {
                try await runBlocking {
                    // Cancelled while queued for a thread: never sent, the connection stays usable.
                    guard statement.start() else { throw CancellationError() }
                    return try body(statement)
                }
            } onCancel: {
                // While it runs, cancel at once; the waiting thread re-sends until the statement ends.
                if statement.cancel() == .running { handle.requestCancel() }
            }
        } catch let error as PostgresError {
            metrics.queryErrors.increment()
            if error.sqlState == "57014", statement.isCancelled { throw CancellationError() }
            if error.kind == .connectionLost {
                logger.warning("PostgreSQL connection lost during a query", metadata: ["connection": "\(handle.id)", "error": "\(error)"])
            }
            throw error
        }
    }
}
