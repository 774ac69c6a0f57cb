import Foundation
import InkwellEvents
import InkwellPostgres
import InkwellServiceKit

/// ``UserRepository`` on the users schema.
public struct PostgresUserRepository: UserRepository {
    let postgres: PostgresClient
    let outbox: OutboxSignal
    let topic: String

    public init(postgres: PostgresClient, outbox: OutboxSignal, topicPrefix: String) {
        self.postgres = postgres
        self.outbox = outbox
        self.topic = topicPrefix + UserEvents.topic
    }

    public func register(_ user: User, traceparent: String?) async throws {
        try await postgres.withTransaction { connection in
            try await connection.execute("""
                INSERT INTO users (id, username, email, email_verified, password_hash, display_name, bio, roles, version, created_at, updated_at)
                VALUES (\(user.id), \(user.username), \(user.email), \(user.emailVerified), \(user.passwordHash), \(user.displayName),
                        \(user.bio), \(user.roles), \(user.version), \(user.createdAt), \(user.updatedAt))
                """)
            try await Outbox.enqueue(UserEvents.registered(user, traceparent: traceparent), topic: topic, key: user.id.uuidString.lowercased(), on: connection)
        }
        outbox.signal()
    }

    public func find(username: String) async throws -> User? {
        try await postgres.query("SELECT \(Self.columns) FROM users WHERE username = \(username)").first.map(Self.user)
    }

    static let columns: PostgresQuery = "id, username, email, email_verified, password_hash, display_name, bio, roles, version, created_at, updated_at, deleted_at"

    static func user(_ row: PostgresRow) throws -> User {
        User(
            id: try row.decode(column: "id"), username: try row.decode(column: "username"), email: try row.decode(column: "email"),
            emailVerified: try row.decode(column: "email_verified"), passwordHash: try row.decode(column: "password_hash"),
            displayName: try row.decode(column: "display_name"), bio: try row.decode(column: "bio"), roles: try row.decode(column: "roles"),
            version: try row.decode(column: "version"), createdAt: try row.decode(column: "created_at"), updatedAt: try row.decode(column: "updated_at"),
            deletedAt: try row.decode(column: "deleted_at")
        )
    }
}
