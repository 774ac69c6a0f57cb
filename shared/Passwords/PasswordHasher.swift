internal import CArgon2
import InkwellCore
import Foundation
import NIOPosix

/// Argon2id password hashing (libargon2) on a bounded pool of its own threads.
///
/// Hashing is deliberately slow and memory-hard; running it on the cooperative pool (2 threads
/// here) would stall every other request, so each hash runs on one of `threads` dedicated threads
/// and a burst of logins queues there instead. Hashes are PHC strings
/// (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) that carry their parameters, so raising the cost
/// later still verifies old hashes, and ``needsRehash(_:)`` tells when to upgrade one.
public final class PasswordHasher: Sendable {
    /// Argon2id cost. The default is OWASP's minimum recommendation: m = 19 MiB, t = 2, p = 1.
    public struct Parameters: Sendable, Equatable, CustomStringConvertible {
        public var memoryKiB: UInt32 = 19 * 1024
        public var iterations: UInt32 = 2
        public var parallelism: UInt32 = 1
        public init() {}
        public init(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32) {
            self.memoryKiB = memoryKiB
            self.iterations = iterations
            self.parallelism = parallelism
        }
        public var description: String { "argon2id m=\(memoryKiB)KiB t=\(iterations) p=\(parallelism)" }
    }

    public enum Failure: Error { case hashing(Int32) }

    public let parameters: Parameters
    private let pool: NIOThreadPool
    /// A hash of a random password, verified against when the account does not exist so that an
    /// unknown user and a wrong password take the same time.
    private let dummyHash: String

    public init(parameters: Parameters = .init(), threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)) {
        self.parameters = parameters
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        dummyHash = (try? Self.hashBlocking(Self.bytes(of: UUID().uuidString), parameters: parameters)) ?? ""
    }

    deinit {
        pool.shutdownGracefully { _ in }
    }

    /// Hashes `password` (NFC-normalised, every byte counted, NULs included) with a fresh random salt.
    public func hash(_ password: String) async throws -> String {
        let parameters = self.parameters
        let bytes = Self.bytes(of: password)
        return try await pool.runIfActive { try Self.hashBlocking(bytes, parameters: parameters) }
    }

    /// The bytes that are hashed: the UTF-8 of the password's NFC form, so that the same password
    /// typed as precomposed or decomposed characters (macOS keyboards send NFD) matches, and its
    /// full length (a C string would stop at the first NUL and make `"a\0b"` equal `"a"`).
    public static func bytes(of password: String) -> [UInt8] {
        Array(password.precomposedStringWithCanonicalMapping.utf8)
    }

    /// True when `password` matches `encoded`; with `encoded == nil` (unknown account) it spends
    /// the same work on a dummy hash and returns false.
    public func verify(_ password: String, against encoded: String?) async throws -> Bool {
        let target = encoded ?? dummyHash
        let bytes = Self.bytes(of: password)
        let matched = try await pool.runIfActive { () -> Bool in
            // Pointer and length: the password's bytes may contain NUL.
            let result = bytes.withUnsafeBufferPointer { pwd in argon2id_verify(target, pwd.baseAddress, pwd.count) }
            return result == ARGON2_OK.rawValue
        }
        return matched && encoded != nil
    }

    /// True when `encoded` was made with weaker parameters than the current ones.
    public func needsRehash(_ encoded: String) -> Bool {
        guard let stored = Self.parameters(of: encoded) else { return true }
        return stored.memoryKiB < parameters.memoryKiB || stored.iterations < parameters.iterations || stored.parallelism < parameters.parallelism
    }

    /// Reads `m`, `t`, `p` from a PHC string.
    public static func parameters(of encoded: String) -> Parameters? {
        let fields = encoded.split(separator: "$")
        guard fields.count >= 4, fields[0] == "argon2id" else { return nil }
        var values: [Substring: UInt32] = [:]
        for pair in fields[2].split(separator: ",") {
            let kv = pair.split(separator: "=")
            if kv.count == 2, let value = UInt32(kv[1]) { values[kv[0]] = value }
        }
        guard let m = values["m"], let t = values["t"], let p = values["p"] else { return nil }
        return Parameters(memoryKiB: m, iterations: t, parallelism: p)
    }

    static func hashBlocking(_ password: [UInt8], parameters: Parameters) throws -> String {
        let salt = SecureRandom.bytes(16)
        let hashLength = 32
        let encodedLength = argon2_encodedlen(parameters.iterations, parameters.memoryKiB, parameters.parallelism, UInt32(salt.count), UInt32(hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: encodedLength)
        let result = password.withUnsafeBufferPointer { pwd in
            argon2id_hash_encoded(parameters.iterations, parameters.memoryKiB, parameters.parallelism,
                                  pwd.baseAddress, pwd.count, salt, salt.count, hashLength, &encoded, encodedLength)
        }
        guard result == ARGON2_OK.rawValue else { throw Failure.hashing(result) }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
