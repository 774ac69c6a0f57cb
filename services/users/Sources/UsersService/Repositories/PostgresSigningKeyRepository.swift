import Foundation
import InkwellCore
import InkwellAuth
import InkwellPostgres

/// ``SigningKeyRepository`` on `signing_keys`. Key bytes travel as hex text (bound parameters,
/// `decode`/`encode` in SQL), since the client has no bytea codec.
public struct PostgresSigningKeyRepository: SigningKeyRepository {
    let postgres: PostgresClient
    /// Serialises key creation and rotation across replicas (any constant, the same everywhere).
    static let lockKey: Int64 = 0x1_4E4B_5553_4B45

    public init(postgres: PostgresClient) { self.postgres = postgres }

    public func ensureSigningKey() async throws {
        try await postgres.withTransaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            let existing = try await connection.query("SELECT kid FROM signing_keys WHERE retired_at IS NULL LIMIT 1")
            if existing.isEmpty { try await Self.insert(SigningKey.generate(), on: connection) }
        }
    }

    public func keys(retiredAfter: Date) async throws -> [StoredSigningKey] {
        try await postgres.query("""
            SELECT kid, encode(private_key, 'hex') AS private_key_hex, created_at, retired_at FROM signing_keys
            WHERE retired_at IS NULL OR retired_at > \(retiredAfter)
            ORDER BY created_at DESC, kid
            """).map { row in
            let hex: String = try row.decode(column: "private_key_hex")
            return StoredSigningKey(
                key: SigningKey(kid: try row.decode(column: "kid"), privateKey: Self.bytes(hex: hex), createdAt: try row.decode(column: "created_at")),
                retiredAt: try row.decode(column: "retired_at")
            )
        }
    }

    public func rotate() async throws -> SigningKey {
        let key = SigningKey.generate()
        try await postgres.withTransaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            try await connection.execute("UPDATE signing_keys SET retired_at = clock_timestamp() WHERE retired_at IS NULL")
            try await Self.insert(key, on: connection)
        }
        return key
    }

    static func insert(_ key: SigningKey, on connection: PostgresConnection) async throws {
        let hex = Hex.encode(key.privateKey)
        try await connection.execute("INSERT INTO signing_keys (kid, private_key, created_at) VALUES (\(key.kid), decode(\(hex), 'hex'), clock_timestamp())")
    }

    static func bytes(hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            if let byte = UInt8(hex[index..<next], radix: 16) { bytes.append(byte) }
            index = next
        }
        return bytes
    }
}
