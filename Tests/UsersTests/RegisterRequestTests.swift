import InkwellServiceKit
import Testing
@testable import UsersService

@Suite struct RegisterRequestTests {
    func errors(_ request: RegisterRequest) -> Set<String> {
        do {
            _ = try request.validated()
            return []
        } catch {
            return Set((error.errors ?? []).map(\.field))
        }
    }

    @Test func normalisesCase() throws {
        let registration = try RegisterRequest(email: " Ada@Example.ORG", username: "Ada_Lovelace", password: "0123456789", displayName: nil).validated()
        #expect(registration.username == "ada_lovelace")
        #expect(registration.email == "ada@example.org")
        #expect(registration.displayName == "ada_lovelace", "displayName defaults to the username")
    }

    @Test(arguments: ["ab", "-abc", "_abc", "a b c", "abc!", String(repeating: "a", count: 31), "ädam"])
    func rejectsUsernames(username: String) {
        #expect(errors(RegisterRequest(email: "a@example.org", username: username, password: "0123456789")) == ["username"])
    }

    @Test(arguments: ["abc", "a-b_c", "0abc", String(repeating: "a", count: 30)])
    func acceptsUsernames(username: String) {
        #expect(errors(RegisterRequest(email: "a@example.org", username: username, password: "0123456789")).isEmpty)
    }

    @Test(arguments: ["plain", "a@b", "@example.org", "a@@example.org", "a b@example.org", String(repeating: "a", count: 250) + "@x.org"])
    func rejectsEmails(email: String) {
        #expect(errors(RegisterRequest(email: email, username: "abc", password: "0123456789")) == ["email"])
    }

    @Test func passwordAndDisplayNameLengths() {
        #expect(errors(RegisterRequest(email: "a@example.org", username: "abc", password: "123456789")) == ["password"])
        #expect(errors(RegisterRequest(email: "a@example.org", username: "abc", password: String(repeating: "x", count: 129))) == ["password"])
        #expect(errors(RegisterRequest(email: "a@example.org", username: "abc", password: String(repeating: "🔒", count: 10))).isEmpty)
        #expect(errors(RegisterRequest(email: "a@example.org", username: "abc", password: "0123456789", displayName: " ")) == ["displayName"])
        #expect(errors(RegisterRequest(email: "a@example.org", username: "abc", password: "0123456789", displayName: String(repeating: "n", count: 61))) == ["displayName"])
    }

    @Test func reportsEveryInvalidFieldAtOnce() {
        #expect(errors(RegisterRequest(email: "x", username: "-", password: "1", displayName: "")) == ["email", "username", "password", "displayName"])
    }
}
