import Foundation
import InkwellCore
import JWTKit
@testable import InkwellAuth
import Testing

/// Forged and invalid tokens against a ``TokenVerifier`` reading a real JWKS endpoint.
@Suite("Token attacks")
struct TokenAttackTests {
    /// Expects `token` to be refused with `error`.
    private func expectRefused(_ token: String, with error: TokenError, by fixture: AuthFixture, sourceLocation: SourceLocation = #_sourceLocation) async {
        await #expect(throws: error, sourceLocation: sourceLocation) { try await fixture.verifier.verify(token) }
    }

    @Test("the genuine token verifies and its claims reach AuthenticatedUser")
    func positive() async throws {
        let fixture = try await AuthFixture.make()
        let user = try await fixture.verifier.verify(try await fixture.token())
        #expect(user == AuthenticatedUser(id: AuthFixture.userId, username: "ada", roles: ["reader", "author"], emailVerified: true))
        await fixture.close()
    }

    @Test("alg none and every other algorithm are refused before any key lookup",
          arguments: ["none", "None", "NONE", "HS256", "HS512", "RS256", "PS256", "ES256", "ES256K", "Ed25519", "eddsa", ""])
    func otherAlgorithms(alg: String) async throws {
        let fixture = try await AuthFixture.make()
        let claims = AuthFixture.claims()
        let unsigned = try Forge.token(header: ["alg": alg, "typ": "JWT", "kid": fixture.signingKey.kid], claims: claims)
        await expectRefused(unsigned, with: .unsupportedAlgorithm, by: fixture)
        let signed = try Forge.token(header: ["alg": alg, "kid": fixture.signingKey.kid], claims: claims, signature: Array(repeating: 1, count: 64))
        await expectRefused(signed, with: .unsupportedAlgorithm, by: fixture)
        #expect(fixture.server.requestCount == 0)
        await fixture.close()
    }

    @Test("a token without alg is refused")
    func missingAlgorithm() async throws {
        let fixture = try await AuthFixture.make()
        let token = try Forge.token(header: ["kid": fixture.signingKey.kid], claims: AuthFixture.claims(), signature: [1])
        await expectRefused(token, with: .unsupportedAlgorithm, by: fixture)
        await fixture.close()
    }

    @Test("HS256 keyed with our public key (raw, base64url, or the JWK JSON) is refused: key confusion")
    func hmacKeyConfusion() async throws {
        let fixture = try await AuthFixture.make()
        let publicKey = try fixture.signingKey.publicKey()
        let jwk = try fixture.signingKey.publicJWK()
        let secrets: [[UInt8]] = [
            publicKey,
            Array(Base64URL.encode(publicKey).utf8),
            Array(try JSONEncoder().encode(jwk)),
        ]
        for secret in secrets {
            let token = try await Forge.hs256(AuthFixture.claims(), secret: secret, kid: fixture.signingKey.kid)
            #expect(try Forge.json(token, segment: 0)["alg"] as? String == "HS256")
            await expectRefused(token, with: .unsupportedAlgorithm, by: fixture)
        }
        // Also after the verifier has loaded the key set.
        _ = try await fixture.verifier.verify(try await fixture.token())
        let token = try await Forge.hs256(AuthFixture.claims(), secret: publicKey, kid: fixture.signingKey.kid)
        await expectRefused(token, with: .unsupportedAlgorithm, by: fixture)
        await fixture.close()
    }

    @Test("a properly signed ES256 token under our kid is refused")
    func ecdsaSubstitution() async throws {
        let fixture = try await AuthFixture.make()
        let token = try await Forge.es256(AuthFixture.claims(), kid: fixture.signingKey.kid)
        await expectRefused(token, with: .unsupportedAlgorithm, by: fixture)
        await fixture.close()
    }

    @Test("a tampered payload with the original signature is refused")
    func tamperedPayload() async throws {
        let fixture = try await AuthFixture.make()
        let genuine = Forge.parts(try await fixture.token())
        var claims = AuthFixture.claims()
        claims.roles = ["admin"]
        let tampered = [genuine[0], try Forge.segment(claims), genuine[2]].joined(separator: ".")
        await expectRefused(tampered, with: .invalidSignature, by: fixture)
        // A flipped signature bit, too.
        var signature = try #require(Base64URL.decode(genuine[2]))
        signature[5] ^= 0x01
        await expectRefused([genuine[0], genuine[1], Base64URL.encode(signature)].joined(separator: "."), with: .invalidSignature, by: fixture)
        await expectRefused([genuine[0], genuine[1], ""].joined(separator: "."), with: .invalidSignature, by: fixture)
        await fixture.close()
    }

    @Test("a token signed by another key under our kid is refused")
    func impostorKey() async throws {
        let fixture = try await AuthFixture.make()
        let impostor = SigningKey.generate(kid: fixture.signingKey.kid)
        let token = try await Forge.eddsa(AuthFixture.claims(), key: impostor)
        await expectRefused(token, with: .invalidSignature, by: fixture)
        await fixture.close()
    }

    @Test("an expired token is refused beyond the leeway and accepted within it")
    func expiry() async throws {
        let fixture = try await AuthFixture.make()
        // Issued 16 minutes ago: expired 60 s ago, beyond the 30 s leeway.
        await expectRefused(try await fixture.token(now: Date().addingTimeInterval(-960)), with: .expired, by: fixture)
        // Expired 10 s ago: within the leeway.
        _ = try await fixture.verifier.verify(try await fixture.token(now: Date().addingTimeInterval(-910)))
        await fixture.close()
    }

    @Test("a token issued in the future is refused beyond the leeway and accepted within it")
    func issuedInFuture() async throws {
        let fixture = try await AuthFixture.make()
        await expectRefused(try await fixture.token(now: Date().addingTimeInterval(3600)), with: .notYetValid, by: fixture)
        await expectRefused(try await fixture.token(now: Date().addingTimeInterval(120)), with: .notYetValid, by: fixture)
        _ = try await fixture.verifier.verify(try await fixture.token(now: Date().addingTimeInterval(10)))
        await fixture.close()
    }

    @Test("wrong audience and wrong issuer are refused")
    func audienceAndIssuer() async throws {
        let fixture = try await AuthFixture.make()
        let wrongAudience = try await Forge.eddsa(AuthFixture.claims(audience: "other-app"), key: fixture.signingKey)
        await expectRefused(wrongAudience, with: .wrongAudience, by: fixture)
        let wrongIssuer = try await Forge.eddsa(AuthFixture.claims(issuer: "https://evil.test"), key: fixture.signingKey)
        await expectRefused(wrongIssuer, with: .wrongIssuer, by: fixture)
        // The same through TokenIssuer with other settings, signed by our real key.
        let otherAudience = try await TokenIssuer(issuer: AuthFixture.issuerName, audience: "blog", signingKey: fixture.signingKey, verificationKeys: [])
        await expectRefused(try await otherAudience.issue(userId: UUID(), username: "a", roles: [], emailVerified: true).token, with: .wrongAudience, by: fixture)
        let otherIssuer = try await TokenIssuer(issuer: "someone-else", signingKey: fixture.signingKey, verificationKeys: [])
        await expectRefused(try await otherIssuer.issue(userId: UUID(), username: "a", roles: [], emailVerified: true).token, with: .wrongIssuer, by: fixture)
        await fixture.close()
    }

    @Test("an audience list must contain inkwell")
    func audienceList() async throws {
        let fixture = try await AuthFixture.make()
        var claims = AuthFixture.claims()
        claims.audience = AudienceClaim(value: ["blog", "inkwell"])
        _ = try await fixture.verifier.verify(try await Forge.eddsa(claims, key: fixture.signingKey))
        claims.audience = AudienceClaim(value: ["blog", "comments"])
        await expectRefused(try await Forge.eddsa(claims, key: fixture.signingKey), with: .wrongAudience, by: fixture)
        await fixture.close()
    }

    @Test("a kid the JWKS does not have, or no kid, is refused")
    func unknownKid() async throws {
        let fixture = try await AuthFixture.make()
        let stranger = SigningKey.generate(kid: "stranger")
        let token = try await TokenIssuer(issuer: AuthFixture.issuerName, signingKey: stranger, verificationKeys: []).issue(
            userId: UUID(), username: "a", roles: ["admin"], emailVerified: true
        ).token
        await expectRefused(token, with: .unknownKey, by: fixture)
        let noKid = try Forge.token(header: ["alg": "EdDSA"], claims: AuthFixture.claims(), signature: Array(repeating: 0, count: 64))
        await expectRefused(noKid, with: .unknownKey, by: fixture)
        await fixture.close()
    }

    @Test("malformed tokens are refused as malformed", arguments: [
        "abc", "a.b", "a.b.c.d", "..", "!!!.e30.sig", "bm90IGpzb24.e30.c2ln",
        String(repeating: "A", count: 9000),
    ])
    func malformed(token: String) async throws {
        let fixture = try await AuthFixture.make()
        await expectRefused(token, with: .malformed, by: fixture)
        await fixture.close()
    }

    @Test("undecodable claims, a non-UUID subject and critical header extensions are refused as malformed")
    func malformedClaims() async throws {
        let fixture = try await AuthFixture.make()
        let header = try Forge.segment(["alg": "EdDSA", "kid": fixture.signingKey.kid])
        let garbagePayload = "\(header).\(Base64URL.encode(Array("{\"sub\":1}".utf8))).\(Base64URL.encode(Array(repeating: 0, count: 64)))"
        // The signature is checked before the payload is decoded.
        await expectRefused(garbagePayload, with: .invalidSignature, by: fixture)
        await expectRefused(try await Forge.eddsa(OddClaims(sub: 1), key: fixture.signingKey), with: .malformed, by: fixture)

        var claims = AuthFixture.claims()
        claims.subject = "not-a-uuid"
        await expectRefused(try await Forge.eddsa(claims, key: fixture.signingKey), with: .malformed, by: fixture)

        let critical = try await Forge.eddsa(AuthFixture.claims(), key: fixture.signingKey, header: ["crit": .array([.string("exp")]), "exp": .int(1)])
        await expectRefused(critical, with: .malformed, by: fixture)
        await fixture.close()
    }

    @Test("Authorization header parsing")
    func authorizationHeader() async throws {
        let fixture = try await AuthFixture.make()
        let token = try await fixture.token()
        await #expect(throws: TokenError.missing) { try await fixture.verifier.verify(authorizationHeader: nil) }
        await #expect(throws: TokenError.missing) { try await fixture.verifier.verify(authorizationHeader: "") }
        await #expect(throws: TokenError.missing) { try await fixture.verifier.verify(authorizationHeader: "  ") }
        await #expect(throws: TokenError.malformed) { try await fixture.verifier.verify(authorizationHeader: "Bearer") }
        await #expect(throws: TokenError.malformed) { try await fixture.verifier.verify(authorizationHeader: "Basic YWRhOnB3") }
        await #expect(throws: TokenError.malformed) { try await fixture.verifier.verify(authorizationHeader: "Bearer \(token) extra") }
        await #expect(throws: TokenError.malformed) { try await fixture.verifier.verify(authorizationHeader: token) }
        #expect(try await fixture.verifier.verify(authorizationHeader: "Bearer \(token)").username == "ada")
        #expect(try await fixture.verifier.verify(authorizationHeader: "bearer \(token)").username == "ada")
        await fixture.close()
    }

    @Test("error descriptions never contain the token")
    func descriptions() async throws {
        let fixture = try await AuthFixture.make()
        let token = try await fixture.token(now: Date().addingTimeInterval(-3600))
        do {
            _ = try await fixture.verifier.verify(token)
            Issue.record("expired token accepted")
        } catch {
            #expect(error == .expired)
            for part in Forge.parts(token) {
                #expect(!"\(error)".contains(part))
                #expect(!String(reflecting: error).contains(part))
            }
        }
        #expect(TokenError.keysUnavailable.httpStatus == 503)
        #expect(TokenError.expired.httpStatus == 401)
        await fixture.close()
    }
}

/// A validly signed payload that is not an access token.
private struct OddClaims: JWTPayload {
    var sub: Int
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
