import Foundation
import InkwellCore

/// The parts of a JWS header that decide whether a token is looked at any further.
///
/// Parsed here, before jwt-kit sees the token, because jwt-kit picks the verifying key by `kid`
/// alone (falling back to a default key for an unknown one) and never compares the header's
/// `alg` with that key. Refusing every algorithm but `EdDSA` up front shuts out `alg: none`,
/// HMAC key confusion (HS256 keyed with our public key) and any other algorithm substitution.
struct TokenHeader: Sendable, Equatable {
    let kid: String

    /// Tokens we issue are well under 1 KiB; anything near this is garbage or an attack.
    static let maximumTokenLength = 8192

    private struct Fields: Decodable {
        var alg: String?
        var kid: String?
        var crit: [String]?
    }

    /// Parses and vets the header of a compact-serialized JWS.
    static func parse(_ token: String) throws(TokenError) -> TokenHeader {
        guard !token.isEmpty else { throw .missing }
        guard token.utf8.count <= maximumTokenLength else { throw .malformed }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { throw .malformed }
        guard let bytes = Base64URL.decode(parts[0]) else { throw .malformed }
        let fields: Fields
        do {
            fields = try InkwellJSON.decoder.decode(Fields.self, from: Data(bytes))
        } catch {
            throw .malformed
        }
        guard fields.alg == "EdDSA" else { throw .unsupportedAlgorithm }
        // RFC 7515 §4.1.11: extensions marked critical that we do not implement must be refused.
        guard fields.crit == nil else { throw .malformed }
        guard let kid = fields.kid, !kid.isEmpty else { throw .unknownKey }
        guard !parts[2].isEmpty else { throw .invalidSignature }
        return TokenHeader(kid: kid)
    }
}
