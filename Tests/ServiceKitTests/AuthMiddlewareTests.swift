import Foundation
import Hummingbird
import HummingbirdTesting
import InkwellAuth
import InkwellCore
import InkwellServiceKit
import Testing

/// ``AuthMiddleware`` and the requirement helpers on a real Inkwell router, in process.
@Suite struct AuthMiddlewareTests {
    /// Signs tokens and verifies them (the stand-in for the users service's JWKS).
    struct Keys {
        let issuer: TokenIssuer
        /// Same issuer name, another key: its tokens are forged as far as `issuer` knows.
        let forger: TokenIssuer

        init() async throws {
            issuer = try await TokenIssuer(issuer: "inkwell-users", signingKey: SigningKey.generate(), verificationKeys: [])
            forger = try await TokenIssuer(issuer: "inkwell-users", signingKey: SigningKey.generate(), verificationKeys: [])
        }

        func token(roles: [String] = ["reader"], verified: Bool = true, now: Date = Date(), using issuer: TokenIssuer? = nil) async throws -> String {
            try await (issuer ?? self.issuer).issue(userId: Self.userId, username: "ada", roles: roles, emailVerified: verified, now: now).token
        }

        static let userId = UUID(uuidString: "0190f0e2-0000-7000-8000-000000000001")!
    }

    /// A verifier whose keys cannot be loaded (the JWKS is down).
    struct Unavailable: AccessTokenVerifying {
        func verify(_ token: String) async throws(TokenError) -> AuthenticatedUser { throw .keysUnavailable }
    }

    func withApp(verifier: any AccessTokenVerifying, _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router.inkwell(authentication: verifier)
        let routes = RouteTable(router: router)
        routes.on("/public", .get) { _, context -> String in context.user.map { "user \($0.username)" } ?? "anonymous" }
        routes.on("/me", .get) { _, context -> String in try context.requireUser().id.uuidString.lowercased() }
        routes.on("/write", .post) { _, context -> String in
            try context.requireRole(.author)
            try context.requireVerifiedEmail()
            return "written"
        }
        routes.on("/moderate", .post) { _, context -> String in try context.requireRole(.moderator).username }
        router.group("/grouped").add(middleware: AuthRequirementMiddleware(.verifiedEmail, .role(.author))).get { _, _ in "ok" }
        routes.finish()
        try await Application(router: router).test(.router, test)
    }

    func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    func expectProblem(_ response: TestResponse, _ status: HTTPResponse.Status, challenge: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(String(buffer: response.body))", sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        #expect(response.headers[.wwwAuthenticate] == challenge, sourceLocation: sourceLocation)
    }

    @Test func anonymousRequestsPassPublicRoutes() async throws {
        let keys = try await Keys()
        try await withApp(verifier: keys.issuer) { client in
            let response = try await client.execute(uri: "/public", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "anonymous")
            // Another scheme is no bearer credential: anonymous too.
            let basic = try await client.execute(uri: "/public", method: .get, headers: [.authorization: "Basic YTpi"])
            #expect(String(buffer: basic.body) == "anonymous")
        }
    }

    @Test func aValidTokenPutsTheUserInTheContext() async throws {
        let keys = try await Keys()
        let token = try await keys.token()
        try await withApp(verifier: keys.issuer) { client in
            #expect(String(buffer: try await client.execute(uri: "/public", method: .get, headers: bearer(token)).body) == "user ada")
            let me = try await client.execute(uri: "/me", method: .get, headers: [.authorization: "bearer   \(token)"])
            #expect(me.status == .ok)
            #expect(String(buffer: me.body) == Keys.userId.uuidString.lowercased())
        }
    }

    @Test func anonymousOnAProtectedRouteIs401WithABareChallenge() async throws {
        let keys = try await Keys()
        try await withApp(verifier: keys.issuer) { client in
            expectProblem(try await client.execute(uri: "/me", method: .get), .unauthorized, challenge: "Bearer")
            expectProblem(try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Basic YTpi"]), .unauthorized, challenge: "Bearer")
            expectProblem(try await client.execute(uri: "/grouped", method: .get), .unauthorized, challenge: "Bearer")
        }
    }

    @Test func badTokensAre401InvalidTokenEvenOnPublicRoutes() async throws {
        let keys = try await Keys()
        let good = try await keys.token()
        let expired = try await keys.token(now: Date().addingTimeInterval(-3600))
        let forged = try await keys.token(using: keys.forger)
        var flipped = Array(good.utf8)
        flipped[flipped.count - 5] = flipped[flipped.count - 5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let tampered = String(decoding: flipped, as: UTF8.self)
        let bad: [(String, String)] = [
            ("expired", "Bearer \(expired)"), ("forged", "Bearer \(forged)"), ("tampered", "Bearer \(tampered)"),
            ("garbage", "Bearer not.a.token"), ("no token", "Bearer"), ("two tokens", "Bearer \(good) \(good)"),
        ]
        try await withApp(verifier: keys.issuer) { client in
            for (what, header) in bad {
                for uri in ["/public", "/me"] {
                    let response = try await client.execute(uri: uri, method: .get, headers: [.authorization: header])
                    #expect(response.status == .unauthorized, "\(what) on \(uri)")
                    #expect(response.headers[.wwwAuthenticate] == #"Bearer error="invalid_token""#, "\(what) on \(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    // The token never comes back in the answer.
                    #expect(!String(buffer: response.body).contains(good.prefix(20)))
                }
            }
        }
    }

    @Test func keysUnavailableIs503() async throws {
        try await withApp(verifier: Unavailable()) { client in
            let response = try await client.execute(uri: "/public", method: .get, headers: bearer("a.b.c"))
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "1")
            // Without a token there is nothing to verify.
            #expect(try await client.execute(uri: "/public", method: .get).status == .ok)
        }
    }

    @Test func rolesAndVerifiedEmail() async throws {
        let keys = try await Keys()
        let reader = try await keys.token()
        let author = try await keys.token(roles: ["reader", "author"])
        let unverifiedAuthor = try await keys.token(roles: ["reader", "author"], verified: false)
        let admin = try await keys.token(roles: ["admin"])
        try await withApp(verifier: keys.issuer) { client in
            expectProblem(try await client.execute(uri: "/write", method: .post, headers: bearer(reader)), .forbidden)
            expectProblem(try await client.execute(uri: "/write", method: .post, headers: bearer(unverifiedAuthor)), .forbidden)
            expectProblem(try await client.execute(uri: "/write", method: .post), .unauthorized, challenge: "Bearer")
            #expect(try await client.execute(uri: "/write", method: .post, headers: bearer(author)).status == .ok)
            // admin implies every role.
            #expect(try await client.execute(uri: "/write", method: .post, headers: bearer(admin)).status == .ok)
            #expect(try await client.execute(uri: "/moderate", method: .post, headers: bearer(admin)).status == .ok)
            expectProblem(try await client.execute(uri: "/moderate", method: .post, headers: bearer(author)), .forbidden)
            // The route middleware does the same.
            expectProblem(try await client.execute(uri: "/grouped", method: .get, headers: bearer(unverifiedAuthor)), .forbidden)
            expectProblem(try await client.execute(uri: "/grouped", method: .get, headers: bearer(reader)), .forbidden)
            #expect(try await client.execute(uri: "/grouped", method: .get, headers: bearer(author)).status == .ok)
        }
    }
}
