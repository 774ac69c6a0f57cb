import InkwellServiceKit
import Testing
@testable import UsersService

/// The answers that keep the platform from losing its last admin: one problem type, 409, for a
/// demotion and for a self-erasure alike (API.md, Users).
@Suite struct LastAdminProblemTests {
    @Test func aLastAdminErasureIsTheDemotionsConflict() {
        let erasure = HTTPProblem.lastAdminErasure
        let demotion = HTTPProblem.lastAdmin("ada is the only admin; make another account admin first.")
        #expect(erasure.status == .conflict && demotion.status == .conflict)
        #expect(erasure.type == "urn:inkwell:problem:last-admin" && demotion.type == erasure.type)
        #expect(erasure.detail == "You are the only admin; make another account admin first.")
    }
}
