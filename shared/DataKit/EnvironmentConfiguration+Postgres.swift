import InkwellServiceKit
import InkwellPostgres

extension EnvironmentConfiguration {
    /// `DATABASE_URL` (required) and `DATABASE_POOL_SIZE` [10].
    public func postgres(applicationName: String) -> PostgresConfiguration? {
        let url = requiredString("database.url", hint: "postgres://ROLE:PASSWORD@HOST:PORT/DB", secret: true)
        let poolSize = int("database.pool.size", default: 10, range: 1...200)
        guard !url.isEmpty else { return nil }
        do {
            return try PostgresConfiguration(url: url, poolSize: poolSize, applicationName: applicationName)
        } catch {
            fail("database.url", "must be postgres://ROLE:PASSWORD@HOST:PORT/DB, got \"\(Self.redacted(url))\"")
            return nil
        }
    }
}
