import Foundation
import InkwellCore
import Testing
@testable import UsersService

@Suite struct OpaqueTokenTests {
    @Test func tokensAre43Base64URLCharactersAndUnique() {
        let tokens = (0..<100).map { _ in OpaqueToken.generate() }
        #expect(Set(tokens).count == 100)
        for token in tokens {
            #expect(token.count == 43)
            #expect(OpaqueToken.isWellFormed(token))
            #expect(!token.contains("=") && !token.contains("+") && !token.contains("/"))
        }
    }

    @Test func hashIsSHA256Hex() {
        // FIPS 180-4 test vector.
        #expect(OpaqueToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let token = OpaqueToken.generate()
        #expect(OpaqueToken.hash(token) == OpaqueToken.hash(token))
        #expect(OpaqueToken.hash(token) != token)
    }

    @Test(arguments: ["", "short", String(repeating: "a", count: 44), String(repeating: "a", count: 42) + "=", String(repeating: "a", count: 42) + "/", "' OR 1=1 --" + String(repeating: "a", count: 32)])
    func junkIsNotWellFormed(token: String) {
        #expect(!OpaqueToken.isWellFormed(token))
    }

    @Test func linksCarryTheTokenUnderThePublicBaseURL() {
        #expect(EmailToken.link(baseURL: "https://blog.example/", purpose: .verifyEmail, secret: "abc_-1") == "https://blog.example/verify-email?token=abc_-1")
        #expect(EmailToken.link(baseURL: "http://127.0.0.1:8080", purpose: .resetPassword, secret: "x") == "http://127.0.0.1:8080/reset-password?token=x")
    }

    @Test func emailTokensStoreOnlyTheHashAndExpire() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        let id = UUID()
        let verify = EmailToken.make(for: id, purpose: .verifyEmail, now: now)
        #expect(verify.stored.hash == OpaqueToken.hash(verify.secret))
        #expect(verify.stored.expiresAt == now.addingTimeInterval(48 * 3600))
        let reset = EmailToken.make(for: id, purpose: .resetPassword, now: now)
        #expect(reset.stored.expiresAt == now.addingTimeInterval(3600))
    }
}
