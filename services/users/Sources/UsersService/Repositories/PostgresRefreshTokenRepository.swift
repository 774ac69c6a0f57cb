import Foundation
import InkwellPostgres

/// ``RefreshTokenRepository`` on `refresh_tokens`.
public struct PostgresRefreshTokenRepository: RefreshTokenRepository {
    let postgres: PostgresClient

    public init(postgres: PostgresClient) { self.postgres = postgres }

    public func create(hash: String, familyId: UUID, userId: UUID, expiresAt: Date) async throws {
        try await postgres.execute("""
            INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES (\(hash), \(familyId), \(userId), \(expiresAt))
            """)
    }

    public func rotate(presentedHash: String, successorHash: String, now: Date, expiresAt: Date) async throws -> RefreshOutcome {
        try await postgres.withTransaction { connection in
            // FOR UPDATE: of two concurrent refreshes with one token, the second sees it rotated.
            guard let row = try await connection.query("""
                SELECT family_id, user_id, expires_at, rotated_at, revoked_at FROM refresh_tokens WHERE token_hash = \(presentedHash) FOR UPDATE
                """).first else { return .rejected }
            let familyId: UUID = try row.decode(column: "family_id")
            let userId: UUID = try row.decode(column: "user_id")
            let stored = RefreshDecision.Stored(
                expiresAt: try row.decode(column: "expires_at"), rotatedAt: try row.decode(column: "rotated_at"), revokedAt: try row.decode(column: "revoked_at")
            )
            switch RefreshDecision.decide(stored, now: now) {
            case .reject:
                return .rejected
            case .reuseDetected:
                try await connection.execute("UPDATE refresh_tokens SET revoked_at = \(now) WHERE family_id = \(familyId) AND revoked_at IS NULL")
                return .reuseDetected(userId: userId)
            case .rotate:
                try await connection.execute("UPDATE refresh_tokens SET rotated_at = \(now) WHERE token_hash = \(presentedHash)")
                try await connection.execute("""
                    INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES (\(successorHash), \(familyId), \(userId), \(expiresAt))
                    """)
                return .rotated(userId: userId)
            }
        }
    }

    public func revokeFamily(containing hash: String, now: Date) async throws -> Bool {
        let revoked = try await postgres.execute("""
            UPDATE refresh_tokens SET revoked_at = \(now)
            WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = \(hash)) AND revoked_at IS NULL
            """)
        return revoked > 0
    }
}
