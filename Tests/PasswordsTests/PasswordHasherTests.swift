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

@Suite struct PasswordBytesTests {
    let hasher = PasswordHasher(parameters: .init(memoryKiB: 8 * 1024, iterations: 1, parallelism: 1), threads: 2)

    @Test func everyByteCountsNULsIncluded() async throws {
        let hash = try await hasher.hash("0123456789\u{0}secret")
        #expect(try await hasher.verify("0123456789\u{0}secret", against: hash))
        #expect(try await !hasher.verify("0123456789", against: hash), "not cut at the NUL")
        #expect(try await !hasher.verify("0123456789\u{0}other!", against: hash))
    }

    @Test func decomposedInputMatchesAPrecomposedPassword() async throws {
        let nfc = "Caf\u{E9} cr\u{E8}me br\u{FB}l\u{E9}e"
        let nfd = "Cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e"
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        let hash = try await hasher.hash(nfc)
        #expect(try await hasher.verify(nfd, against: hash))
        let hashOfNFD = try await hasher.hash(nfd)
        #expect(try await hasher.verify(nfc, against: hashOfNFD))
        #expect(PasswordHasher.bytes(of: nfd) == Array(nfc.utf8))
    }
}
