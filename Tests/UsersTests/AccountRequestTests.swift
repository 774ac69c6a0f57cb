import Foundation
import InkwellServiceKit
import Testing
@testable import UsersService

@Suite struct AccountRequestTests {
    func fields(_ body: () throws -> Void) -> Set<String> {
        do {
            try body()
            return []
        } catch {
            return Set(((error as? HTTPProblem)?.errors ?? []).map(\.field))
        }
    }

    @Test func profileUpdateValidation() throws {
        #expect(try ProfileUpdate(displayName: "  Ada  ", bio: nil).validated() == ProfileUpdate(displayName: "Ada", bio: nil))
        #expect(try ProfileUpdate().validated().isEmpty)
        #expect(fields { _ = try ProfileUpdate(displayName: "   ", bio: nil).validated() } == ["displayName"])
        #expect(fields { _ = try ProfileUpdate(displayName: String(repeating: "x", count: 61), bio: String(repeating: "b", count: 501)).validated() } == ["displayName", "bio"])
        #expect(fields { _ = try ProfileUpdate(displayName: String(repeating: "é", count: 60), bio: String(repeating: "b", count: 500)).validated() }.isEmpty)
    }

    @Test func rolesAlwaysKeepReaderAndRefuseUnknownOnes() throws {
        #expect(try RolesUpdate(roles: ["admin", "author"]).validated() == ["reader", "author", "admin"])
        #expect(try RolesUpdate(roles: []).validated() == ["reader"])
        #expect(try RolesUpdate(roles: ["moderator", "moderator", "reader"]).validated() == ["reader", "moderator"])
        #expect(fields { _ = try RolesUpdate(roles: ["author", "superuser"]).validated() } == ["roles"])
    }

    @Test func resetConfirmationChecksThePassword() {
        #expect(fields { _ = try PasswordResetConfirmation(token: "t", password: "short").validated() } == ["password"])
        #expect(fields { _ = try PasswordResetConfirmation(token: "t", password: "long enough!").validated() }.isEmpty)
    }

    @Test func internalIdsParsing() throws {
        let a = UUID(), b = UUID()
        #expect(try InternalUsersController.parseIds("\(a.uuidString.lowercased()),\(b.uuidString),\(a.uuidString)") == [a, b])
        #expect(try InternalUsersController.parseIds("") == [])
        #expect(throws: HTTPProblem.self) { try InternalUsersController.parseIds(nil) }
        #expect(throws: HTTPProblem.self) { try InternalUsersController.parseIds("not-a-uuid") }
        let many = (0..<101).map { _ in UUID().uuidString }.joined(separator: ",")
        #expect(throws: HTTPProblem.self) { try InternalUsersController.parseIds(many) }
    }
}
