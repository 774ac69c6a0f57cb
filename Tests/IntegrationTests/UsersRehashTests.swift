import Foundation
import InkwellPasswords
import InkwellPostgres
import Testing
import TestSupport

/// Raising the Argon2id cost upgrades stored hashes as their owners sign in.
extension UsersAuthTests {
    @Test func loginRehashesAWeakerStoredHash() async throws {
        let stack = try await stack()
        let account = try await register(stack)
        // The account's hash as an older deployment with a lower cost would have stored it.
        let weak = try await PasswordHasher(parameters: .init(memoryKiB: 4096, iterations: 1, parallelism: 1), threads: 1).hash(account.password)
        _ = try await stack.sql("UPDATE users.users SET password_hash = \(weak) WHERE username = \(account.username) RETURNING id")

        let response = try await login(stack, account.username, account.password)
        #expect(response.status == 200, "\(response.text)")
        let stored = try #require(try await stack.sql("SELECT password_hash FROM users.users WHERE username = \(account.username)").first?.decode(column: "password_hash", as: String.self))
        #expect(stored != weak)
        #expect(PasswordHasher.parameters(of: stored) == PasswordHasher.Parameters(), "re-hashed with the current parameters: \(stored.prefix(32))")
        // The upgraded hash still takes the same password.
        #expect(try await login(stack, account.username, account.password).status == 200)
    }
}
