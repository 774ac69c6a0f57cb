import Foundation
@testable import InkwellAuth
import InkwellCore
import TestSupport
import Testing

/// The JWKS side of ``TokenVerifier``: caching, rotation, throttled refetches, failures.
@Suite("TokenVerifier JWKS")
struct TokenVerifierTests {
    @Test("the JWKS is fetched once and then served from the cache")
    func caches() async throws {
        let fixture = try await AuthFixture.make()
        for _ in 0..<5 {
            #expect(try await fixture.verifier.verify(try await fixture.token()).id == AuthFixture.userId)
        }
        #expect(fixture.server.requestCount == 1)
        await fixture.close()
    }

    @Test("concurrent first verifications share one fetch in flight")
    func singleFlight() async throws {
        let fixture = try await AuthFixture.make()
        let token = try await fixture.token()
        fixture.server.hold()
        let verifications = Task {
            try await withThrowingTaskGroup(of: AuthenticatedUser.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await fixture.verifier.verify(token) }
                }
                return try await group.reduce(into: 0) { count, _ in count += 1 }
            }
        }
        try await pollUntil("the JWKS request arrived") { fixture.server.requestCount == 1 }
        fixture.server.release()
        #expect(try await verifications.value == 20)
        #expect(fixture.server.requestCount == 1)
        await fixture.close()
    }

    @Test("with old and new keys in the JWKS, tokens of both verify")
    func rotationBothKeys() async throws {
        let old = SigningKey.generate(kid: "2026-01")
        let new = SigningKey.generate(kid: "2026-02")
        let oldIssuer = try await TokenIssuer(issuer: AuthFixture.issuerName, signingKey: old, verificationKeys: [])
        let newIssuer = try await TokenIssuer(issuer: AuthFixture.issuerName, signingKey: new, verificationKeys: [old])
        let server = try JWKSServer(document: newIssuer.jwks())
        let fixture = AuthFixture.makeVerifier(signingKey: new, issuer: newIssuer, server: server, url: server.url)
        let oldToken = try await oldIssuer.issue(userId: UUID(), username: "old", roles: [], emailVerified: true).token
        let newToken = try await newIssuer.issue(userId: UUID(), username: "new", roles: [], emailVerified: true).token
        #expect(try await fixture.verifier.verify(oldToken).username == "old")
        #expect(try await fixture.verifier.verify(newToken).username == "new")
        #expect(server.requestCount == 1)
        await fixture.close()
    }

    @Test("a token of a key the verifier has not seen triggers one refetch, then verifies")
    func refetchOnUnknownKid() async throws {
        let old = SigningKey.generate(kid: "old")
        let fixture = try await AuthFixture.make(signingKey: old, refetchInterval: .zero)
        #expect(try await fixture.verifier.verify(try await fixture.token()).username == "ada")
        #expect(fixture.server.requestCount == 1)

        // The users service rotates: a new signing key, the old one still published.
        let new = SigningKey.generate(kid: "new")
        let rotated = try await TokenIssuer(issuer: AuthFixture.issuerName, signingKey: new, verificationKeys: [old])
        try fixture.server.setDocument(rotated.jwks())
        let newToken = try await rotated.issue(userId: UUID(), username: "bob", roles: [], emailVerified: true).token
        #expect(try await fixture.verifier.verify(newToken).username == "bob")
        #expect(fixture.server.requestCount == 2)
        // Both now come from the cache.
        #expect(try await fixture.verifier.verify(newToken).username == "bob")
        #expect(try await fixture.verifier.verify(try await fixture.token()).username == "ada")
        #expect(fixture.server.requestCount == 2)
        await fixture.close()
    }

    @Test("within the refetch interval an unknown kid causes no fetch; after it, one")
    func refetchThrottled() async throws {
        let old = SigningKey.generate(kid: "old")
        // Long enough that a loaded machine cannot pass it between the first fetch and the check below.
        let fixture = try await AuthFixture.make(signingKey: old, refetchInterval: .seconds(20))
        _ = try await fixture.verifier.verify(try await fixture.token())
        let new = SigningKey.generate(kid: "new")
        let rotated = try await TokenIssuer(issuer: AuthFixture.issuerName, signingKey: new, verificationKeys: [old])
        try fixture.server.setDocument(rotated.jwks())
        let newToken = try await rotated.issue(userId: UUID(), username: "bob", roles: [], emailVerified: true).token

        // Right after the first fetch: refused from the cache, nothing fetched.
        await #expect(throws: TokenError.unknownKey) { try await fixture.verifier.verify(newToken) }
        #expect(fixture.server.requestCount == 1)
        // Once the interval has passed, the next attempt refetches and succeeds.
        let user = try await poll("the new key is picked up", timeout: .seconds(60)) { try? await fixture.verifier.verify(newToken) }
        #expect(user.username == "bob")
        #expect(fixture.server.requestCount == 2)
        await fixture.close()
    }

    @Test("a flood of 50 tokens with random unknown kids causes at most one or two fetches")
    func unknownKidFlood() async throws {
        let fixture = try await AuthFixture.make()
        let forged = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 {
                group.addTask { try await Forge.eddsa(AuthFixture.claims(), key: .generate()) }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        let errors = await withTaskGroup(of: TokenError?.self) { group in
            for token in forged {
                group.addTask {
                    do throws(TokenError) {
                        _ = try await fixture.verifier.verify(token)
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            return await group.reduce(into: [TokenError?]()) { $0.append($1) }
        }
        #expect(errors.count == 50)
        #expect(errors.allSatisfy { $0 == .unknownKey })
        #expect((1...2).contains(fixture.server.requestCount))
        // The genuine key still works, from the cache.
        let before = fixture.server.requestCount
        _ = try await fixture.verifier.verify(try await fixture.token())
        #expect(fixture.server.requestCount == before)
        await fixture.close()
    }

    @Test("an expired cache is refreshed in the background while the old keys keep serving")
    func cacheLifetime() async throws {
        let fixture = try await AuthFixture.make(refetchInterval: .zero, cacheLifetime: .milliseconds(100))
        let token = try await fixture.token()
        _ = try await fixture.verifier.verify(token)
        try await pollUntil("the cache is refreshed") {
            _ = try await fixture.verifier.verify(token)
            return fixture.server.requestCount >= 2
        }
        await fixture.close()
    }

    @Test("an unreachable JWKS endpoint gives keysUnavailable")
    func unreachable() async throws {
        let signingKey = SigningKey.generate()
        let issuer = try await TokenIssuer(issuer: AuthFixture.issuerName, signingKey: signingKey, verificationKeys: [])
        let server = try JWKSServer(document: issuer.jwks())
        let (fd, port) = try LoopbackSocket.refusingPort()
        defer { close(fd) }
        let fixture = AuthFixture.makeVerifier(signingKey: signingKey, issuer: issuer, server: server, url: "http://127.0.0.1:\(port)/.well-known/jwks.json")
        let token = try await fixture.token()
        await #expect(throws: TokenError.keysUnavailable) { try await fixture.verifier.verify(token) }
        #expect(await fixture.verifier.loadKeys() == false)
        #expect(server.requestCount == 0)
        await fixture.close()
    }

    @Test("an error status or a bad JWKS gives keysUnavailable until the endpoint recovers")
    func recovers() async throws {
        let fixture = try await AuthFixture.make(refetchInterval: .milliseconds(50))
        let token = try await fixture.token()
        fixture.server.setStatus(503)
        await #expect(throws: TokenError.keysUnavailable) { try await fixture.verifier.verify(token) }
        for (body, fetches) in [("<html>not json</html>", 2), (#"{"keys": []}"#, 3)] {
            fixture.server.setStatus(200)
            fixture.server.setBody(body)
            try await pollUntil("fetch \(fetches)") {
                await #expect(throws: TokenError.keysUnavailable) { try await fixture.verifier.verify(token) }
                return fixture.server.requestCount >= fetches
            }
        }
        try fixture.server.setDocument(fixture.issuer.jwks())
        let user = try await poll("verification after recovery") { try? await fixture.verifier.verify(token) }
        #expect(user.username == "ada")
        await fixture.close()
    }

    @Test("when refreshing fails, the last good key set stays in use")
    func staleKeysOnFailure() async throws {
        let fixture = try await AuthFixture.make(refetchInterval: .zero, cacheLifetime: .milliseconds(50))
        let token = try await fixture.token()
        _ = try await fixture.verifier.verify(token)
        fixture.server.setStatus(500)
        try await pollUntil("failed refreshes happened") {
            _ = try await fixture.verifier.verify(token)
            return fixture.server.requestCount >= 3
        }
        #expect(try await fixture.verifier.verify(token).username == "ada")
        await fixture.close()
    }

    @Test("loadKeys fetches the JWKS ahead of the first token")
    func loadKeys() async throws {
        let fixture = try await AuthFixture.make()
        #expect(await fixture.verifier.loadKeys())
        #expect(fixture.server.requestCount == 1)
        _ = try await fixture.verifier.verify(try await fixture.token())
        #expect(fixture.server.requestCount == 1)
        await fixture.close()
    }

    @Test("keys in the JWKS that are not Ed25519 signing keys are ignored")
    func foreignKeys() async throws {
        let good = SigningKey.generate(kid: "good")
        let x = Base64URL.encode(try good.publicKey())
        let document = JWKSDocument(keys: [
            JSONWebKey(kty: "oct", kid: "hmac", alg: "HS256"),
            JSONWebKey(kty: "OKP", crv: "X25519", x: x, kid: "x25519"),
            JSONWebKey(kty: "OKP", crv: "Ed25519", x: x, kid: "enc", use: "enc"),
            JSONWebKey(kty: "OKP", crv: "Ed25519", x: x, kid: "hs", alg: "HS256"),
            JSONWebKey(kty: "OKP", crv: "Ed25519", x: "AAAA", kid: "short"),
            JSONWebKey(kty: "OKP", crv: "Ed25519", x: x),
            try good.publicJWK(),
        ])
        let (keys, skipped) = await VerificationKeySet.make(from: document)
        #expect(keys.kids == ["good"])
        #expect(skipped.count == 6)

        // Tokens naming a skipped key are refused as unknown, even when validly signed.
        let issuer = try await TokenIssuer(issuer: AuthFixture.issuerName, signingKey: good, verificationKeys: [])
        let server = try JWKSServer(document: document)
        let fixture = AuthFixture.makeVerifier(signingKey: good, issuer: issuer, server: server, url: server.url)
        for kid in ["x25519", "enc", "hs", "short"] {
            let token = try await Forge.eddsa(AuthFixture.claims(), key: good, kid: kid)
            await #expect(throws: TokenError.unknownKey) { try await fixture.verifier.verify(token) }
        }
        #expect(try await fixture.verifier.verify(try await fixture.token()).username == "ada")
        await fixture.close()
    }
}
