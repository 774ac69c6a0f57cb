import InkwellPasswords
import Testing

@Suite struct PasswordHasherTests {
    let hasher = PasswordHasher(parameters: .init(memoryKiB: 8 * 1024, iterations: 1, parallelism: 1), threads: 2)

    @Test func hashesAndVerifies() async throws {
        let hash = try await hasher.hash("correct horse battery ✓")
        #expect(hash.hasPrefix("$argon2id$v=19$m=8192,t=1,p=1$"))
        #expect(try await hasher.verify("correct horse battery ✓", against: hash))
        #expect(try await !hasher.verify("correct horse battery", against: hash))
    }

    @Test func unknownAccountNeverMatches() async throws {
        #expect(try await !hasher.verify("anything", against: nil))
    }

    @Test func saltsDiffer() async throws {
        let a = try await hasher.hash("same password")
        let b = try await hasher.hash("same password")
        #expect(a != b)
    }

    @Test func raisedParametersAskForRehash() async throws {
        let weak = try await hasher.hash("pw-0123456789")
        let strong = PasswordHasher(threads: 1)
        #expect(strong.needsRehash(weak))
        #expect(!hasher.needsRehash(weak))
        #expect(PasswordHasher.parameters(of: weak) == .init(memoryKiB: 8192, iterations: 1, parallelism: 1))
        #expect(strong.needsRehash("not a hash"))
    }
}
