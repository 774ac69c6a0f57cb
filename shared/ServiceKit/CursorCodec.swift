import Crypto
import Foundation
import InkwellCore

/// Opaque, tamper-proof keyset cursors (API.md "Lists": `?cursor=`).
///
/// A cursor is `base64url(JSON of the position) "." base64url(HMAC-SHA256 tag)`, the tag computed
/// with the shared key over the list's `purpose` and the JSON, so a client can neither edit a
/// position nor carry a cursor from one list (`posts.published`) to another. Anything that is not
/// a cursor this platform issued for this list, with this key, is 400: edited, truncated,
/// non-canonical base64url, too long, or signed with another key.
///
/// The key (`CURSOR_SECRET`) must be the same on every replica of a service, or a cursor issued
/// by one replica is refused by the next. Without it the codec uses ``developmentSecret``, which
/// suits `make up` and tests: a forged cursor can only name a position in a list the caller may
/// read anyway (cursors carry positions, never permissions), so the key protects the API's
/// contract, not data; production sets its own (at least 32 characters).
///
/// Positions are Codable values encoded with ``InkwellJSON``: its dates have millisecond
/// precision, so a keyset column with microseconds should go into the position as an integer.
public struct CursorCodec: Sendable {
    /// The longest cursor accepted (longer is 400 before any decoding).
    public static let maxLength = 512
    /// The key when `CURSOR_SECRET` is not set: for development and tests only.
    public static let developmentSecret = "inkwell-development-cursor-secret-not-for-production"
    /// The shortest `CURSOR_SECRET` accepted.
    public static let minimumSecretLength = 32

    let key: SymmetricKey

    /// A codec with `secret` (its UTF-8 bytes) as the HMAC key.
    public init(secret: String) {
        key = SymmetricKey(data: Array(secret.utf8))
    }

    /// Reads `CURSOR_SECRET` (``developmentSecret`` when unset; a shorter one than
    /// ``minimumSecretLength`` is a configuration problem).
    public init(configuration env: EnvironmentConfiguration) {
        let secret = env.optionalString("cursor.secret", secret: true, defaultNote: "a development secret (set one of at least 32 characters in production)")
        if let secret, secret.utf8.count < Self.minimumSecretLength {
            env.fail("cursor.secret", "must be at least \(Self.minimumSecretLength) characters")
        }
        self.init(secret: secret ?? Self.developmentSecret)
    }

    /// The cursor of `position` in the list `purpose`.
    public func encode<Position: Encodable>(_ position: Position, purpose: String) throws -> String {
        // The signature covers these exact bytes, so any faithful encoding will do: the one-pass one.
        let payload = try InkwellJSON.responseEncoder.encode(position)
        return Base64URL.encode(payload) + "." + Base64URL.encode(tag(payload, purpose: purpose))
    }

    /// The position in `cursor`; 400 unless this codec issued it for `purpose`.
    public func decode<Position: Decodable>(_ cursor: String, as type: Position.Type = Position.self, purpose: String) throws(HTTPProblem) -> Position {
        guard cursor.utf8.count <= Self.maxLength else { throw Self.invalid }
        let parts = cursor.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let payload = Self.canonicalBase64URL(parts[0]),
              let sent = Self.canonicalBase64URL(parts[1]),
              HMAC<SHA256>.isValidAuthenticationCode(sent, authenticating: Self.message(payload, purpose: purpose), using: key)
        else { throw Self.invalid }
        do {
            return try InkwellJSON.decoder.decode(Position.self, from: Data(payload))
        } catch {
            // Signed by us but not a position of this type: a cursor from an older release.
            throw Self.invalid
        }
    }

    func tag(_ payload: [UInt8], purpose: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Self.message(payload, purpose: purpose), using: key))
    }

    /// What the tag covers: the purpose, a separator no purpose contains, the payload.
    static func message(_ payload: [UInt8], purpose: String) -> [UInt8] {
        Array(purpose.utf8) + [0] + payload
    }

    /// Decodes only the one spelling ``Base64URL/encode(_:)`` produces: unused trailing bits must
    /// be zero, so no two strings name the same bytes and every edit of a cursor is caught.
    static func canonicalBase64URL(_ text: Substring) -> [UInt8]? {
        guard !text.isEmpty, let bytes = Base64URL.decode(text), Base64URL.encode(bytes) == text else { return nil }
        return bytes
    }

    static let invalid = HTTPProblem(.badRequest, slug: "invalid-cursor", detail: "The cursor is not valid; start again without it.")
}
