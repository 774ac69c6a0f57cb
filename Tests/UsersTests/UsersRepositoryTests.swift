import Foundation
import InkwellContracts
import InkwellPostgres
import Synchronization
import Testing
import TestSupport
@testable import UsersService

/// The repositories against the real PostgreSQL of `make test`: the race-safety of the login
/// reservation, the reset-mail limit, the bootstrap grant and the last admin.
@Suite struct UsersRepositoryTests {
    let throttle = LoginThrottle()

    @Test func concurrentLoginReservationsAllowAtMostFiveChecks() async throws {
        try await UsersDatabase.with { db in
            let user = try await db.register()
            let attempts = PostgresLoginAttemptRepository(postgres: db.postgres)
            // Whole seconds: the database keeps microseconds.
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded())
            let decisions = try await withThrowingTaskGroup(of: LoginThrottle.Decision.self) { group in
                for _ in 0..<30 { group.addTask { try await attempts.reserve(userId: user.id, now: now, throttle: throttle) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(decisions.filter { $0 == .check }.count == 5)
            // The five fail: locked for 15 minutes, and even a right password is not checked.
            for _ in 0..<5 { try await attempts.recordFailure(userId: user.id, now: now, throttle: throttle) }
            guard case .refuse(let retryAfter) = try await attempts.reserve(userId: user.id, now: now.addingTimeInterval(60), throttle: throttle) else {
                Issue.record("not locked"); return
            }
            #expect(retryAfter == 840)
            // After the lockout the account starts afresh.
            #expect(try await attempts.reserve(userId: user.id, now: now.addingTimeInterval(901), throttle: throttle) == .check)
        }
    }

    @Test func reservationMatchesTheThrottleRule() async throws {
        try await UsersDatabase.with { db in
            let user = try await db.register()
            let attempts = PostgresLoginAttemptRepository(postgres: db.postgres)
            let t0 = Date(timeIntervalSince1970: 2_000_000_000)
            func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }
            var model = LoginThrottle.State()
            // Failures spread over more than the window never lock; five within it do.
            for minute in [0.0, 4, 8, 12, 16, 20, 24, 28, 29, 30, 31] {
                let (expected, next) = throttle.reserve(model, now: at(minute))
                let actual = try await attempts.reserve(userId: user.id, now: at(minute), throttle: throttle)
                #expect(actual == expected, "at \(minute)")
                model = next
                if actual == .check {
                    try await attempts.recordFailure(userId: user.id, now: at(minute), throttle: throttle)
                    model = throttle.fail(model, now: at(minute))
                }
            }
            #expect(model.lockedUntil == at(44))
            #expect(try await attempts.reserve(userId: user.id, now: at(31), throttle: throttle) == .refuse(retryAfter: 13 * 60))
            // A success clears everything.
            try await attempts.clear(userId: user.id)
            #expect(try await attempts.reserve(userId: user.id, now: at(31), throttle: throttle) == .check)
        }
    }

    @Test func atMostThreeResetMailsPerAddressAndHourUnderConcurrency() async throws {
        try await UsersDatabase.with { db in
            let user = try await db.register()
            let users = db.users
            let queued = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<12 { group.addTask { try await users.requestPasswordReset(userId: user.id, email: user.email!, maxPerHour: 3) } }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(queued == 3)
            let rows = try await db.postgres.query("SELECT count(*)::int8 AS n FROM mail_outbox WHERE recipient = \(user.email!) AND kind = 'reset_password'")
            #expect(try rows.first?.decode(column: "n", as: Int64.self) == 3)
            // An hour later the address may get mail again.
            _ = try await db.postgres.execute("UPDATE mail_outbox SET created_at = created_at - interval '61 minutes'")
            #expect(try await users.requestPasswordReset(userId: user.id, email: user.email!, maxPerHour: 3))
        }
    }

    @Test func noRawTokenIsStoredAndTheSenderStoresOnlyTheHash() async throws {
        try await UsersDatabase.with { db in
            let user = try await db.register()
            #expect(try await db.users.requestPasswordReset(userId: user.id, email: user.email!, maxPerHour: 3))
            let queue = PostgresMailQueue(postgres: db.postgres)
            let claimed = try await queue.claim(limit: 10, lease: .seconds(60))
            #expect(claimed.map(\.kind) == [.verifyEmail, .resetPassword])
            #expect(claimed.allSatisfy { $0.account?.id == user.id && $0.recipient == user.email })
            let before = try await db.allText()
            #expect(!before.contains("token="), "nothing in the database holds a link")
            // The sender mints the token: only its hash reaches the database.
            let token = EmailToken.make(for: user.id, purpose: .resetPassword)
            try await queue.storeToken(token.stored, for: claimed[1])
            // A retry replaces the unused token of the attempt before.
            let retry = EmailToken.make(for: user.id, purpose: .resetPassword)
            try await queue.storeToken(retry.stored, for: claimed[1])
            let after = try await db.allText()
            #expect(!after.contains(token.secret) && !after.contains(retry.secret))
            #expect(!after.contains(token.stored.hash) && after.contains(retry.stored.hash))
        }
    }

    @Test func onlyTheFirstAccountToVerifyTheBootstrapAddressGetsTheRoles() async throws {
        try await UsersDatabase.with { db in
            let email = "boss-\(UUID().uuidString.prefix(6).lowercased())@example.org"
            let first = try await db.register(email: email)
            #expect(first.roles == ["reader"], "no roles at registration")
            let verified = try #require(try await verify(first, in: db, bootstrap: email))
            #expect(verified.roles == ["reader", "author", "moderator", "admin"])
            #expect(verified.emailVerified)
            // Erased (another admin first: the last admin cannot be), registered again, verified
            // again: no roles this time.
            _ = try await db.register(roles: [.reader, .admin])
            guard case .erased = try await db.users.erase(id: first.id) else { Issue.record("not erased"); return }
            let second = try await db.register(email: email)
            let again = try #require(try await verify(second, in: db, bootstrap: email))
            #expect(again.roles == ["reader"])
            // Another account of another address is not the bootstrap admin.
            let other = try await db.register()
            #expect(try await verify(other, in: db, bootstrap: email)?.roles == ["reader"])
        }
    }

    /// Mints a verification token as the sender would, and verifies with it.
    func verify(_ user: User, in db: UsersDatabase, bootstrap: String?) async throws -> User? {
        let token = EmailToken.make(for: user.id, purpose: .verifyEmail)
        _ = try await db.postgres.execute("""
            INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at) VALUES (\(token.stored.hash), \(user.id), 'verify_email', \(token.stored.expiresAt))
            """)
        return try await db.users.verifyEmail(tokenHash: token.stored.hash, now: Date(), bootstrapAdminEmail: bootstrap)
    }

    @Test func theLastAdminCannotBeDemotedEvenConcurrently() async throws {
        try await UsersDatabase.with { db in
            let a = try await db.register(roles: [.reader, .admin])
            let b = try await db.register(roles: [.reader, .admin])
            let users = db.users
            // Two admins demote each other at once, many times over: one succeeds, one is refused.
            let results = try await withThrowingTaskGroup(of: RolesChange.self) { group in
                group.addTask { try await users.setRoles(username: a.username, roles: ["reader"]) }
                group.addTask { try await users.setRoles(username: b.username, roles: ["reader"]) }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0 == .lastAdmin }.count == 1, "\(results)")
            let admins = try await db.postgres.query("SELECT count(*)::int8 AS n FROM users WHERE 'admin' = ANY(roles) AND deleted_at IS NULL")
            #expect(try admins.first?.decode(column: "n", as: Int64.self) == 1)
            // The remaining admin alone: refused; other changes of its roles that keep admin pass.
            let remaining = results.contains { if case .changed(let u) = $0 { u.id == a.id } else { false } } ? b : a
            #expect(try await users.setRoles(username: remaining.username, roles: ["reader"]) == .lastAdmin)
            guard case .changed(let kept) = try await users.setRoles(username: remaining.username, roles: ["reader", "author", "admin"]) else {
                Issue.record("keeping admin must pass"); return
            }
            #expect(kept.roles == ["reader", "author", "admin"])
            #expect(try await users.setRoles(username: "nobody-here", roles: ["reader"]) == .notFound)
        }
    }

    // MARK: - Erasing the last admin

    @Test func theLastAdminCannotEraseThemselvesAndStays() async throws {
        try await UsersDatabase.with { db in
            let admin = try await db.register(roles: [.reader, .admin])
            let reader = try await db.register()
            let users = db.users
            _ = try await db.postgres.execute("""
                INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at)
                VALUES (\(OpaqueToken.hash(OpaqueToken.generate())), \(UUID()), \(admin.id), \(Date().addingTimeInterval(3600)))
                """)
            #expect(try await users.erase(id: admin.id) == .lastAdmin)
            // Nothing of the erasure happened: the account, its roles, its tokens and no event.
            let kept = try #require(try await users.find(id: admin.id))
            #expect(kept.deletedAt == nil && kept.roles == admin.roles && kept.email == admin.email && kept.version == admin.version)
            let live = try await db.postgres.query("SELECT count(*)::int8 AS n FROM refresh_tokens WHERE user_id = \(admin.id) AND revoked_at IS NULL")
            #expect(try live.first?.decode(column: "n", as: Int64.self) == 1)
            #expect(try await deletedEvents(of: admin, in: db) == 0)
            // Others erase as before; an erased or unknown account is not found.
            guard case .erased(let erased) = try await users.erase(id: reader.id) else { Issue.record("the reader not erased"); return }
            #expect(erased.deletedAt != nil && erased.email == nil)
            #expect(try await users.erase(id: reader.id) == .notFound)
            #expect(try await users.erase(id: UUID()) == .notFound)
            // An erased admin does not count as another admin.
            #expect(try await users.erase(id: admin.id) == .lastAdmin)
        }
    }

    @Test func batchReadGivesThePublicUsersOfLiveAccountsById() async throws {
        try await UsersDatabase.with { db in
            let users = db.users
            let a = try await db.register(), b = try await db.register(), erased = try await db.register()
            _ = try await users.updateProfile(id: b.id, displayName: "Grace \"G\" Hopper", bio: "line\nbreak, {comma} é")
            guard case .erased = try await users.erase(id: erased.id) else { Issue.record("not erased"); return }
            let found = try await users.users(ids: [b.id, erased.id, UUID(), a.id])
            // What the single read gives, by id; the erased and the unknown left out.
            var expected: [PublicUser] = []
            for id in [a.id, b.id].sorted(by: { $0.uuidString < $1.uuidString }) {
                expected.append(PublicUser(try #require(try await users.find(id: id))))
            }
            #expect(found == expected)
            #expect(found.first { $0.id == b.id }?.bio == "line\nbreak, {comma} é")
            #expect(try await users.users(ids: []).isEmpty)
            #expect(try await users.users(ids: [erased.id, UUID()]).isEmpty)
        }
    }

    @Test func withTwoAdminsOneCanEraseAndThenTheOtherIsTheLast() async throws {
        try await UsersDatabase.with { db in
            let a = try await db.register(roles: [.reader, .admin])
            let b = try await db.register(roles: [.reader, .author, .admin])
            let users = db.users
            guard case .erased(let erased) = try await users.erase(id: a.id) else { Issue.record("a not erased"); return }
            #expect(erased.roles == ["reader"])
            #expect(try await deletedEvents(of: a, in: db) == 1)
            #expect(try await users.erase(id: b.id) == .lastAdmin)
            // Demoting the remaining admin is refused too, and a new admin frees it.
            #expect(try await users.setRoles(username: b.username, roles: ["reader"]) == .lastAdmin)
            let c = try await db.register()
            guard case .changed = try await users.setRoles(username: c.username, roles: ["reader", "admin"]) else { Issue.record("c not promoted"); return }
            guard case .erased = try await users.erase(id: b.id) else { Issue.record("b not erased"); return }
        }
    }

    @Test func twoAdminsErasingAtOnceLeaveOne() async throws {
        try await UsersDatabase.with { db in
            let users = db.users
            var remaining = try await db.register(roles: [.reader, .admin])
            // Many rounds, each the remaining admin and a new one racing: erasing both, or one
            // erasing while demoting the other.
            for round in 0..<12 {
                let other = try await db.register(roles: [.reader, .admin])
                let pair = [remaining, other]
                let demote = round % 3 == 2
                let erased = try await withThrowingTaskGroup(of: UUID?.self) { group in
                    group.addTask {
                        guard case .erased(let user) = try await users.erase(id: pair[0].id) else { return nil }
                        return user.id
                    }
                    group.addTask {
                        if demote {
                            _ = try await users.setRoles(username: pair[1].username, roles: ["reader"])
                            return nil
                        }
                        guard case .erased(let user) = try await users.erase(id: pair[1].id) else { return nil }
                        return user.id
                    }
                    return try await group.reduce(into: [UUID]()) { if let id = $1 { $0.append(id) } }
                }
                let admins = try await db.postgres.query("SELECT id FROM users WHERE 'admin' = ANY(roles) AND deleted_at IS NULL")
                    .map { try $0.decode(column: "id", as: UUID.self) }
                #expect(admins.count == 1, "round \(round): \(admins)")
                if !demote { #expect(erased.count == 1, "round \(round): \(erased)") }
                guard let survivor = pair.first(where: { admins.contains($0.id) }) else { Issue.record("round \(round): no admin left"); return }
                remaining = survivor
            }
        }
    }

    /// How many `user.deleted` events of `user` the outbox holds.
    func deletedEvents(of user: User, in db: UsersDatabase) async throws -> Int64 {
        let rows = try await db.postgres.query("""
            SELECT count(*)::int8 AS n FROM outbox WHERE record_key = \(user.id.uuidString.lowercased()) AND event_type = \(UserDeleted.type)
            """)
        return try rows.first?.decode(column: "n", as: Int64.self) ?? 0
    }
}
