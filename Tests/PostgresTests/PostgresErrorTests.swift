import Foundation
import InkwellPostgres
import Testing

@Suite("Server errors")
struct PostgresErrorTests {
    @Test func uniqueViolationNamesTheConstraintAndHidesValues() async throws {
        try await withClient { client in
            let table = uniqueName("uniq")
            let constraint = "\(table)_email_key"
            try await client.execute("CREATE TABLE \(identifier: table) (email text CONSTRAINT \(identifier: constraint) UNIQUE)")
            let secret = "secret-\(UUID())@example.com"
            try await client.execute("INSERT INTO \(identifier: table) (email) VALUES (\(secret))")
            let error = try #require(await expectPostgresError {
                try await client.execute("INSERT INTO \(identifier: table) (email) VALUES (\(secret))")
            })
            #expect(error.kind == .uniqueViolation)
            #expect(error.sqlState == "23505")
            #expect(error.constraint == constraint)
            #expect(error.table == table)
            #expect(error.detail?.contains(secret) == true)  // the server's DETAIL quotes the row...
            #expect(!error.description.contains(secret))     // ...but the description never does
            #expect(error.description.contains(constraint))
        }
    }

    @Test func otherConstraintKinds() async throws {
        try await withClient { client in
            let parent = uniqueName("parent"), child = uniqueName("child")
            try await client.execute("CREATE TABLE \(identifier: parent) (id int PRIMARY KEY)")
            try await client.execute(
                "CREATE TABLE \(identifier: child) (id int PRIMARY KEY, parent int REFERENCES \(identifier: parent), qty int NOT NULL CHECK (qty > 0))")
            let fk = try #require(await expectPostgresError { try await client.execute("INSERT INTO \(identifier: child) VALUES (1, 42, 1)") })
            #expect(fk.kind == .foreignKeyViolation)
            let check = try #require(await expectPostgresError { try await client.execute("INSERT INTO \(identifier: child) VALUES (1, NULL, 0)") })
            #expect(check.kind == .checkViolation)
            let noQty: Int? = nil
            let notNull = try #require(await expectPostgresError { try await client.execute("INSERT INTO \(identifier: child) VALUES (1, NULL, \(noQty))") })
            #expect(notNull.kind == .notNullViolation)
            #expect(notNull.column == "qty")
            let undefined = try #require(await expectPostgresError { _ = try await client.query("SELECT * FROM \(identifier: uniqueName("missing"))") })
            #expect(undefined.kind == .undefinedTable)
        }
    }

    @Test func dataExceptionMessagesAreRedactedInDescription() async throws {
        try await withClient { client in
            let secret = "not-a-uuid-\(UUID())"
            let error = try #require(await expectPostgresError { _ = try await client.query("SELECT \(secret)::uuid") })
            #expect(error.sqlState == "22P02")
            #expect(!error.description.contains(secret))
        }
    }

    @Test func usersRoleCannotTouchTheBlogSchema() async throws {
        try await withClient(role: "users") { client in
            let read = try #require(await expectPostgresError { _ = try await client.query("SELECT * FROM blog.posts") })
            #expect(read.kind == .insufficientPrivilege)
            #expect(read.sqlState == "42501")
            #expect(read.message.contains("permission denied"))
            let create = try #require(await expectPostgresError { try await client.execute("CREATE TABLE blog.\(identifier: uniqueName("intruder")) (id int)") })
            #expect(create.kind == .insufficientPrivilege)
            // Its own schema works, and is the search_path.
            #expect(try await client.query("SELECT current_schema() AS s").first?.decode(column: "s", as: String.self) == "users")
        }
    }
}
