import Logging
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A pool of PostgreSQL connections over libpq, run as a ServiceLifecycle `Service`.
///
/// **Threads.** libpq is used in blocking mode, and every call that can block (connect,
/// `PQexecParams`, `PQexec`, ROLLBACK on check-in) runs on a dedicated `NIOThreadPool` with one
/// thread per pool slot, never on Swift's cooperative pool. The thread pool starts in `init` (so
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
/// **Cancellation.** Cancelling the task while a statement runs sends a cancel request
/// (`PQcancel`) to the server; the call then throws `CancellationError` and the connection is
/// discarded.
public final class PostgresClient: Service, Sendable {
    public let configuration: PostgresConfiguration
    let logger: Logger
    let pool: ConnectionPool
    let metrics: PostgresMetrics
    private let threadPool: NIOThreadPool
    private let connectionIDs = Atomic<Int>(0)
    private let threadPoolStopped = Atomic<Bool>(false)

    public init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.metrics = PostgresMetrics(applicationName: configuration.applicationName)
        self.pool = ConnectionPool(capacity: configuration.poolSize, metrics: metrics)
        self.threadPool = NIOThreadPool(numberOfThreads: configuration.poolSize)
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

    /// `true` if a connection can be leased and `SELECT 1` answers (for readiness probes).
    public func ping() async -> Bool {
        do {
            let rows = try await query("SELECT 1 AS ok")
            return try rows.first?.decode(column: "ok", as: Int32.self) == 1
        } catch {
            logger.debug("postgres ping failed", metadata: ["error": "\(error)"])
            return false
        }
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
            let logger = self.logger
            let (handle, replaced) = try await runBlocking { () throws -> (PGConnectionHandle, Bool) in
                if let lease, lease.isReusable() { return (lease, false) }
                return (try PGConnectionHandle.connect(parameters: parameters, id: id), lease != nil)
            }
            if replaced {
                logger.info("replaced a pooled PostgreSQL connection the server had closed", metadata: ["connection": "\(handle.id)"])
            } else if handle.id == id {
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
                _ = try handle.executeScript("ROLLBACK")
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
    func run(_ handle: PGConnectionHandle, _ query: PostgresQuery) async throws -> (rows: [PostgresRow], affectedRows: Int) {
        var parameters: [(type: PostgresDataType, text: String?)] = []
        parameters.reserveCapacity(query.binds.count)
        for (index, bind) in query.binds.enumerated() {
            do {
                parameters.append((type(of: bind).postgresDataType, try bind.postgresText()))
            } catch {
                throw PostgresError(kind: .decoding, message: "cannot encode parameter $\(index + 1) (\(type(of: bind))): \(error)")
            }
        }
        let sql = query.sql
        let params = parameters
        return try await runStatement(handle) { try handle.execute(sql: sql, parameters: params) }
    }

    /// Runs a parameterless, possibly multi-statement script on `handle` (simple query protocol).
    func runScript(_ handle: PGConnectionHandle, _ sql: String) async throws -> (rows: [PostgresRow], affectedRows: Int) {
        try await runStatement(handle) { try handle.executeScript(sql) }
    }

    private func runStatement(
        _ handle: PGConnectionHandle,
        _ body: @escaping @Sendable () throws -> (rows: [PostgresRow], affectedRows: Int)
    ) async throws -> (rows: [PostgresRow], affectedRows: Int) {
        try Task.checkCancellation()
        metrics.queries.increment()
        do {
            return try await withTaskCancellationHandler {
                try await runBlocking(body)
            } onCancel: {
                handle.requestCancel()
            }
        } catch let error as PostgresError {
            metrics.queryErrors.increment()
            if error.sqlState == "57014", Task.isCancelled { throw CancellationError() }
            if error.kind == .connectionLost {
                logger.warning("PostgreSQL connection lost during a query", metadata: ["connection": "\(handle.id)", "error": "\(error)"])
            }
            throw error
        }
    }
}
