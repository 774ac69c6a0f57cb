import InkwellCore
import Foundation
import InkwellContracts
import InkwellEvents
import InkwellPostgres
import InkwellDataKit
import InkwellServiceKit

/// ``UserRepository`` on the users schema.
public struct PostgresUserRepository: UserRepository {
    /// Transactions whose events go to the outbox and wake the relay after commit.
    let units: UnitOfWorkRunner
    let mailSignal: WakeSignal
    var postgres: PostgresClient { units.postgres }

    /// What an erased account shows as its display name (it is never public again, but the row
    /// must satisfy the column's constraints and internal readers get a neutral value).
    public static let erasedDisplayName = "Deleted user"

    public init(units: UnitOfWorkRunner, mailSignal: WakeSignal) {
        self.units = units
        self.mailSignal = mailSignal
    }

    public func register(_ user: User) async throws {
        try await Self.namingConflicts { try await units.withUnitOfWork { tx in
            let connection = tx.connection
            try await connection.execute("""
                INSERT INTO users (id, username, email, email_verified, password_hash, display_name, bio, roles, version, created_at, updated_at)
                VALUES (\(user.id), \(user.username), \(user.email), \(user.emailVerified), \(user.passwordHash), \(user.displayName),
                        \(user.bio), \(user.roles), \(user.version), \(user.createdAt), \(user.updatedAt))
                """)
            if let email = user.email { try await PostgresMailQueue.enqueue(.verifyEmail, userId: user.id, recipient: email, on: connection) }
            try await tx.publish(UserEvents.registered(user))
        } }
        mailSignal.signal()
    }

    public func find(username: String) async throws -> User? {
        try await postgres.query("SELECT \(Self.columns) FROM users WHERE username = \(username)").first.map(Self.user)
    }

    public func find(id: UUID) async throws -> User? {
        try await postgres.query("SELECT \(Self.columns) FROM users WHERE id = \(id)").first.map(Self.user)
    }

    public func find(login: String) async throws -> User? {
        try await postgres.query("""
            SELECT \(Self.columns) FROM users WHERE (username = \(login) OR email = \(login)) AND deleted_at IS NULL
            ORDER BY (username = \(login)) DESC LIMIT 1
            """).first.map(Self.user)
    }

    public func users(ids: [UUID]) async throws -> [PublicUser] {
        guard !ids.isEmpty else { return [] }
        // Only a PublicUser's columns, decoded by position: the by-name decode of twelve columns
        // per row showed in the profile of the gateway's batch read (20 users per feed page).
        let rows = try await postgres.query("""
            SELECT id, username, display_name, bio, created_at FROM users WHERE id = ANY(\(ids)) AND deleted_at IS NULL ORDER BY id
            """)
        guard let first = rows.first else { return [] }
        let columns = try PublicUserColumns(of: first)
        return try rows.map { try columns.user(in: $0) }
    }

    public func verifyEmail(tokenHash: String, now: Date, bootstrapAdminEmail: String?) async throws -> User? {
        let user: User? = try await units.withUnitOfWork { tx -> User? in
            let connection = tx.connection
            guard let userId = try await Self.consume(tokenHash, purpose: .verifyEmail, now: now, on: connection) else { return nil }
            if let changed = try await connection.query("""
                UPDATE users SET email_verified = true, version = version + 1, updated_at = \(now)
                WHERE id = \(userId) AND deleted_at IS NULL AND NOT email_verified RETURNING \(Self.columns)
                """).first.map(Self.user) {
                try await tx.publish(UserEvents.verified(changed))
                guard let bootstrapAdminEmail, changed.email == bootstrapAdminEmail else { return changed }
                return try await grantBootstrapAdmin(to: changed, email: bootstrapAdminEmail, in: tx)
            }
            // Already verified through another link: the token is spent, the answer is the account.
            return try await connection.query("SELECT \(Self.columns) FROM users WHERE id = \(userId) AND deleted_at IS NULL").first.map(Self.user)
        }
        return user
    }

    /// Gives `user` every role when no account ever got the grant of this address before: the
    /// grant row is written in the verification's transaction, and its primary key makes two
    /// verifications of the address (concurrent or years apart) grant it once.
    func grantBootstrapAdmin(to user: User, email: String, in tx: UnitOfWork) async throws -> User {
        let connection = tx.connection
        let granted = try await connection.query("""
            INSERT INTO bootstrap_admin_grants (email_sha256, user_id) VALUES (\(OpaqueToken.hash(email)), \(user.id))
            ON CONFLICT (email_sha256) DO NOTHING RETURNING user_id
            """)
        guard !granted.isEmpty else { return user }
        let roles = Role.sorted(Role.allCases)
        guard let promoted = try await connection.query("""
            UPDATE users SET roles = \(roles), version = version + 1, updated_at = clock_timestamp()
            WHERE id = \(user.id) RETURNING \(Self.columns)
            """).first.map(Self.user) else { return user }
        try await tx.publish(UserEvents.rolesChanged(promoted))
        return promoted
    }

    public func requestPasswordReset(userId: UUID, email: String, maxPerHour: Int) async throws -> Bool {
        let queued: Bool = try await postgres.withTransaction { connection in
            // The account row's lock serialises concurrent requests for the address, so the
            // count below cannot be outrun.
            guard try await !connection.query("""
                SELECT id FROM users WHERE id = \(userId) AND email = \(email) AND deleted_at IS NULL FOR UPDATE
                """).isEmpty else { return false }
            let recent = try await connection.query("""
                SELECT count(*)::int8 AS n FROM mail_outbox
                WHERE recipient = \(email) AND kind = 'reset_password' AND created_at > clock_timestamp() - interval '1 hour'
                """).first?.decode(column: "n", as: Int64.self) ?? 0
            guard recent < maxPerHour else { return false }
            try await PostgresMailQueue.enqueue(.resetPassword, userId: userId, recipient: email, on: connection)
            return true
        }
        if queued { mailSignal.signal() }
        return queued
    }

    public func resetPassword(tokenHash: String, passwordHash: String, now: Date) async throws -> Bool {
        try await postgres.withTransaction { connection in
            guard let userId = try await Self.consume(tokenHash, purpose: .resetPassword, now: now, on: connection) else { return false }
            let updated = try await connection.execute("""
                UPDATE users SET password_hash = \(passwordHash), updated_at = \(now) WHERE id = \(userId) AND deleted_at IS NULL
                """)
            guard updated == 1 else { return false }
            try await Self.revokeRefreshTokens(of: userId, now: now, on: connection)
            // Other reset links sent before this one must not work afterwards either.
            try await connection.execute("UPDATE email_tokens SET used_at = \(now) WHERE user_id = \(userId) AND purpose = 'reset_password' AND used_at IS NULL")
            try await connection.execute("DELETE FROM login_attempts WHERE user_id = \(userId)")
            return true
        }
    }

    public func updatePasswordHash(id: UUID, passwordHash: String) async throws {
        try await postgres.execute("UPDATE users SET password_hash = \(passwordHash) WHERE id = \(id) AND deleted_at IS NULL")
    }

    public func updateProfile(id: UUID, displayName: String?, bio: String?) async throws -> User? {
        let user: User? = try await units.withUnitOfWork { tx -> User? in
            let connection = tx.connection
            guard let user = try await connection.query("""
                UPDATE users SET display_name = COALESCE(\(displayName), display_name), bio = COALESCE(\(bio), bio),
                    version = version + 1, updated_at = clock_timestamp()
                WHERE id = \(id) AND deleted_at IS NULL RETURNING \(Self.columns)
                """).first.map(Self.user) else { return nil }
            try await tx.publish(UserEvents.updated(user))
            return user
        }
        return user
    }

    public func setRoles(username: String, roles: [String]) async throws -> RolesChange {
        let change: RolesChange = try await units.withUnitOfWork { tx in
            let connection = tx.connection
            // Every role change takes this lock first: two admins demoting each other at once
            // are serialised, and the second sees the first's result (a new snapshot per
            // statement in READ COMMITTED), so the admins never reach zero.
            try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.rolesLockKey))")
            guard let current = try await connection.query("""
                SELECT \(Self.columns) FROM users WHERE username = \(username) AND deleted_at IS NULL FOR UPDATE
                """).first.map(Self.user) else { return .notFound }
            guard current.roles != roles else { return .changed(current) }
            if !roles.contains(Role.admin.rawValue), try await Self.isLastAdmin(current, on: connection) { return .lastAdmin }
            guard let user = try await connection.query("""
                UPDATE users SET roles = \(roles), version = version + 1, updated_at = clock_timestamp()
                WHERE id = \(current.id) RETURNING \(Self.columns)
                """).first.map(Self.user) else { return .notFound }
            try await tx.publish(UserEvents.rolesChanged(user))
            return .changed(user)
        }
        return change
    }

    /// `pg_advisory_xact_lock` key of everything that can take `admin` from an account: role
    /// changes and erasures ("inkwell.users.roles").
    static let rolesLockKey: Int64 = 0x696E_6B77_726F_6C65

    /// True when `user` is an admin and no other live account is. Only meaningful under
    /// ``rolesLockKey``, which keeps the answer true until the transaction ends.
    static func isLastAdmin(_ user: User, on connection: PostgresConnection) async throws -> Bool {
        let admin = Role.admin.rawValue
        guard user.roles.contains(admin) else { return false }
        let others = try await connection.query("""
            SELECT count(*)::int8 AS n FROM users WHERE \(admin) = ANY(roles) AND deleted_at IS NULL AND id <> \(user.id)
            """).first?.decode(column: "n", as: Int64.self) ?? 0
        return others == 0
    }

    public func erase(id: UUID) async throws -> AccountErasure {
        let erasure: AccountErasure = try await units.withUnitOfWork { tx -> AccountErasure in
            let connection = tx.connection
            let now = Date()
            // The role changes' lock, taken first as they take it (no lock-order deadlock): two
            // last admins erasing themselves, or an erasure beside a demotion, are serialised
            // and the second sees the first's result, so the admins never reach zero. Taken for
            // every erasure, since the roles are only known under it; erasures are rare.
            try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.rolesLockKey))")
            guard let previous = try await connection.query("""
                SELECT \(Self.columns) FROM users WHERE id = \(id) AND deleted_at IS NULL FOR UPDATE
                """).first.map(Self.user) else { return .notFound }
            if try await Self.isLastAdmin(previous, on: connection) { return .lastAdmin }
            guard let user = try await connection.query("""
                UPDATE users SET email = NULL, email_verified = false, password_hash = NULL, display_name = \(Self.erasedDisplayName),
                    bio = '', roles = ARRAY['reader']::text[], deleted_at = \(now), updated_at = \(now), version = version + 1
                WHERE id = \(id) RETURNING \(Self.columns)
                """).first.map(Self.user) else { return .notFound }
            try await Self.revokeRefreshTokens(of: id, now: now, on: connection)
            try await connection.execute("DELETE FROM email_tokens WHERE user_id = \(id)")
            try await connection.execute("DELETE FROM login_attempts WHERE user_id = \(id)")
            // Unsent (and sent) mail still names the address: erase it too.
            try await connection.execute("DELETE FROM mail_outbox WHERE user_id = \(id)")
            if let email = previous.email { try await connection.execute("DELETE FROM mail_outbox WHERE recipient = \(email)") }
            try await tx.publish(UserEvents.deleted(user))
            return .erased(user)
        }
        return erasure
    }

    // MARK: - Helpers

    /// Marks the token used when it is unused and unexpired; returns its account. One statement,
    /// so two concurrent uses of one token cannot both succeed.
    static func consume(_ hash: String, purpose: EmailToken.Purpose, now: Date, on connection: PostgresConnection) async throws -> UUID? {
        try await connection.query("""
            UPDATE email_tokens SET used_at = \(now)
            WHERE token_hash = \(hash) AND purpose = \(purpose.rawValue) AND used_at IS NULL AND expires_at > \(now)
            RETURNING user_id
            """).first.map { try $0.decode(column: "user_id") }
    }

    static func revokeRefreshTokens(of userId: UUID, now: Date, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE refresh_tokens SET revoked_at = \(now) WHERE user_id = \(userId) AND revoked_at IS NULL")
    }

    static let columns: PostgresQuery = "id, username, email, email_verified, password_hash, display_name, bio, roles, version, created_at, updated_at, deleted_at"
    /// ``columns`` of `users u` in a join.
    static let joinedColumns: PostgresQuery = "u.id, u.username, u.email, u.email_verified, u.password_hash, u.display_name, u.bio, u.roles, u.version, u.created_at, u.updated_at, u.deleted_at"

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
