import Foundation
import InkwellCore
import JWTKit

/// An immutable set of Ed25519 public keys by `kid`, and the verification of a token against it.
struct VerificationKeySet: Sendable {
    let kids: Set<String>
    private let collection: JWTKeyCollection

    /// Builds the set from the usable keys of `document`: `kty: OKP`, `crv: Ed25519`, a `kid`, an
    /// `x` of 32 bytes, and `alg`/`use` either absent or `EdDSA`/`sig`. Every other key is skipped
    /// and named in `skipped`, so a JWKS can never smuggle in an HMAC, RSA or EC key.
    static func make(from document: JWKSDocument) async -> (keys: VerificationKeySet, skipped: [String]) {
        let collection = JWTKeyCollection()
        var kids: Set<String> = []
        var skipped: [String] = []
        for jwk in document.keys {
            let name = String((jwk.kid ?? "(no kid)").prefix(64))
            guard jwk.kty == "OKP", jwk.crv == "Ed25519", jwk.alg == nil || jwk.alg == "EdDSA", jwk.use == nil || jwk.use == "sig",
                let kid = jwk.kid, !kid.isEmpty, !kids.contains(kid),
                let x = jwk.x, Base64URL.decode(x)?.count == 32,
                let key = try? EdDSA.PublicKey(x: x, curve: .ed25519)
            else {
                skipped.append(name)
                continue
            }
            await collection.add(eddsa: key, kid: JWKIdentifier(string: kid))
            kids.insert(kid)
        }
        // jwt-kit falls back to the default key for an unknown kid; there must be none.
        await collection.clearDefault()
        return (VerificationKeySet(kids: kids, collection: collection), skipped)
    }

    private init(kids: Set<String>, collection: JWTKeyCollection) {
        self.kids = kids
        self.collection = collection
    }

    /// Verifies signature and claims of `token`, whose header has already been vetted.
    func verify(_ token: String, header: TokenHeader, requirements: ClaimRequirements) async throws(TokenError) -> AuthenticatedUser {
        guard kids.contains(header.kid) else { throw .unknownKey }
        let claims: AccessTokenClaims
        do {
            claims = try await ClaimRequirements.$current.withValue(requirements) {
                try await collection.verify(token, as: AccessTokenClaims.self)
            }
        } catch let error as TokenError {
            throw error
        } catch let error as JWTError {
            throw Self.tokenError(for: error)
        } catch {
            // Base64 and JSON decoding failures inside jwt-kit.
            throw .malformed
        }
        return try claims.authenticatedUser()
    }

    private static func tokenError(for error: JWTError) -> TokenError {
        switch error.errorType {
        case .signatureVerificationFailed: .invalidSignature
        case .unknownKID, .noKeyProvided, .missingKIDHeader: .unknownKey
        case .unsupportedAlgorithm, .unsupportedCurve: .unsupportedAlgorithm
        case .malformedToken, .invalidBool, .invalidHeaderField: .malformed
        default: .invalidSignature
        }
    }
}
