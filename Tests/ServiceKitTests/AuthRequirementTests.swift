import Foundation
import InkwellAuth
import InkwellServiceKit
import Testing

@Suite struct AuthRequirementTests {
    func user(_ roles: Set<String>, verified: Bool = true) -> AuthenticatedUser {
        AuthenticatedUser(id: UUID(), username: "ada", roles: roles, emailVerified: verified)
    }

    @Test func anonymousFailsEveryRequirementWith401() {
        for requirement in [AuthRequirement.user, .role(.reader), .role(.admin), .verifiedEmail] {
            let problem = requirement.problem(for: nil)
            #expect(problem?.status == .unauthorized)
            #expect(problem?.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test func rolesAdminImpliesAll() {
        for role in Role.allCases {
            #expect(AuthRequirement.role(role).problem(for: user(["admin"])) == nil)
        }
        #expect(AuthRequirement.role(.author).problem(for: user(["reader", "author"])) == nil)
        #expect(AuthRequirement.role(.author).problem(for: user(["reader", "moderator"]))?.status == .forbidden)
        #expect(AuthRequirement.role(.moderator).problem(for: user([]))?.slug == "missing-role")
    }

    @Test func verifiedEmail() {
        #expect(AuthRequirement.verifiedEmail.problem(for: user(["reader"])) == nil)
        let problem = AuthRequirement.verifiedEmail.problem(for: user(["admin"], verified: false))
        #expect(problem?.status == .forbidden)
        #expect(problem?.slug == "email-not-verified")
    }

    @Test func bearerTokenParsing() throws {
        #expect(try BearerAuthentication.token(from: nil) == nil)
        #expect(try BearerAuthentication.token(from: "") == nil)
        #expect(try BearerAuthentication.token(from: "Basic YTpi") == nil)
        #expect(try BearerAuthentication.token(from: "Bearerx abc") == nil)
        #expect(try BearerAuthentication.token(from: "Bearer abc") == "abc")
        #expect(try BearerAuthentication.token(from: "BEARER  abc ") == "abc")
        #expect(throws: HTTPProblem.self) { try BearerAuthentication.token(from: "Bearer") }
        #expect(throws: HTTPProblem.self) { try BearerAuthentication.token(from: "Bearer a b") }
    }
}
