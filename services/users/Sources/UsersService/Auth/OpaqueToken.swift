import Crypto
import Foundation
import InkwellCore

/// The opaque secrets Inkwell hands out (email link tokens, refresh tokens): 32 random bytes as
/// unpadded base64url. Only ``hash(_:)`` of a token is ever stored, so a copy of the tables
/// yields no usable token; SHA-256 suffices (no slow hash) because the tokens carry 256 bits of
/// entropy and cannot be guessed.
public enum OpaqueToken {
    /// A new token from the operating system's CSPRNG.
    public static func generate() -> String {
        Base64URL.encode(SecureRandom.bytes(32))
    }

    /// The stored form: SHA-256 of the token's UTF-8 bytes, lower-case hex.
    public static func hash(_ token: String) -> String {
        Hex.encode(Array(SHA256.hash(data: Array(token.utf8))))
    }

    /// True when `token` has the shape of a generated token (43 base64url characters). Lets the
    /// service refuse junk without a database round trip, and keeps absurdly long input out of
    /// queries.
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F
        }
    }
}
