import InkwellContracts
import Testing
@testable import CommentsService

/// `?status=` of the moderation queue.
@Suite struct ModerationControllerTests {
    @Test func statusDefaultsToPendingAndRefusesOthers() throws {
        #expect(try ModerationController.status([]) == .pending)
        for status in CommentStatus.allCases { #expect(try ModerationController.status([status.rawValue]) == status) }
        for bad in [["nope"], ["Pending"], [""], ["pending", "spam"]] {
            do {
                _ = try ModerationController.status(bad)
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.status.code == 400)
            }
        }
    }
}
