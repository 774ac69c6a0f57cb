import Foundation
import InkwellPostgres

/// ``LoginFailureRepository`` on `login_failures`.
public struct PostgresLoginFailureRepository: LoginFailureRepository {
    let postgres: PostgresClient

    public init(postgres: PostgresClient) { self.postgres = postgres }

    public func failures(userId: UUID, since: Date) async throws -> [Date] {
        try await postgres.query("SELECT failed_at FROM login_failures WHERE user_id = \(userId) AND failed_at > \(since) ORDER BY failed_at")
            .map { try $0.decode(column: "failed_at") }
    }

    public func record(userId: UUID, at: Date) async throws {
        try await postgres.withTransaction { connection in
            try await connection.execute("INSERT INTO login_failures (user_id, failed_at) VALUES (\(userId), \(at))")
            // Keeps the table small: only the last hour can matter.
            try await connection.execute("DELETE FROM login_failures WHERE user_id = \(userId) AND failed_at < \(at.addingTimeInterval(-3600))")
        }
    }

    public func clear(userId: UUID) async throws {
        try await postgres.execute("DELETE FROM login_failures WHERE user_id = \(userId)")
    }
}
