import Foundation
import InkwellPostgres
import Logging

/// A fresh database in the test cluster with the production layout (schemas `users`, `blog`,
/// `comments`, each owned by the role of that name), so that a stack of services under test
/// shares nothing with other tests running at the same time.
public struct TestDatabase: Sendable {
    public let name: String

    public static func create(prefix: String = "t") async throws -> TestDatabase {
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try TestEnvironment.postgresAdminURL()
        try await withClient(url: admin) { client in
            _ = try await client.execute("CREATE DATABASE \(identifier: name)")
        }
        try await withClient(url: Self.replacingDatabase(in: admin, with: name)) { client in
            for role in ["users", "blog", "comments"] {
                _ = try await client.execute("CREATE SCHEMA \(identifier: role) AUTHORIZATION \(identifier: role)")
            }
            _ = try await client.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
            _ = try await client.execute("REVOKE ALL ON DATABASE \(identifier: name) FROM PUBLIC")
            _ = try await client.execute("GRANT CONNECT ON DATABASE \(identifier: name) TO users, blog, comments")
        }
        return TestDatabase(name: name)
    }

    /// The login URL of a service role in this database.
    public func url(role: String) throws -> String {
        Self.replacingDatabase(in: try TestEnvironment.databaseURL(role: role), with: name)
    }

    public func adminURL() throws -> String {
        Self.replacingDatabase(in: try TestEnvironment.postgresAdminURL(), with: name)
    }

    static func replacingDatabase(in url: String, with database: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + database
        return components.string ?? url
    }

    /// Runs `body` with a client whose pool lives only as long as the call.
    public static func withClient<T: Sendable>(url: String, _ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: try PostgresConfiguration(url: url, poolSize: 2), logger: Logger(label: "test"))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await client.run(); return nil }
            let result = try await body(client)
            group.cancelAll()
            return result
        }
    }
}
