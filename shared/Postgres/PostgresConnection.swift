import Synchronization

/// One leased connection, valid only inside the `withConnection` / `withTransaction` closure
/// that received it (afterwards every call throws `.poolClosed`). Statements run in order on
/// one server session, so session state (transactions, `SET LOCAL`, advisory locks) carries over.
public final class PostgresConnection: Sendable {
    let handle: PGConnectionHandle
    let client: PostgresClient
    private let valid = Atomic<Bool>(true)

    init(handle: PGConnectionHandle, client: PostgresClient) {
        self.handle = handle
        self.client = client
    }

    func invalidate() { valid.store(false, ordering: .relaxed) }

    private func checkValid() throws {
        guard valid.load(ordering: .relaxed) else {
            throw PostgresError(kind: .poolClosed, message: "PostgresConnection used after its withConnection closure returned")
        }
    }

    /// Runs one statement and returns all rows.
    public func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try checkValid()
        return try await client.run(handle, query).rows
    }

    /// Runs one statement and returns the number of rows affected.
    @discardableResult
    public func execute(_ query: PostgresQuery) async throws -> Int {
        try checkValid()
        return try await client.run(handle, query).affectedRows
    }

    /// Runs SQL that has no parameters over the simple query protocol: several `;`-separated
    /// statements are allowed (migrations, DDL scripts). Never build `sql` from input.
    public func executeScript(_ sql: String) async throws {
        try checkValid()
        _ = try await client.runScript(handle, sql)
    }
}
