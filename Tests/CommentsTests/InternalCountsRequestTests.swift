import CommentsService
import Foundation
import Testing

@Suite struct InternalCountsRequestTests {
    @Test func parsesDistinctIdsInOrder() throws {
        let a = UUID(), b = UUID()
        let ids = try InternalCountsController.parsePostIds("\(a.uuidString.lowercased()), \(b),\(a)")
        #expect(ids == [a, b])
    }

    @Test func missingListIsABadRequest() {
        #expect(throws: (any Error).self) { try InternalCountsController.parsePostIds(nil) }
    }

    @Test func malformedIdIsABadRequest() {
        #expect(throws: (any Error).self) { try InternalCountsController.parsePostIds("\(UUID()),not-a-uuid") }
    }

    @Test func moreThanAHundredIdsIsABadRequest() throws {
        let hundred = (0..<100).map { _ in UUID().uuidString }
        #expect(try InternalCountsController.parsePostIds(hundred.joined(separator: ",")).count == 100)
        #expect(throws: (any Error).self) { try InternalCountsController.parsePostIds((hundred + [UUID().uuidString]).joined(separator: ",")) }
    }

    @Test func everyRequestedIdIsAnsweredZeroWhenAbsent() {
        let a = UUID(), b = UUID()
        let body = CommentCounts(postIds: [a, b], found: [a: 3])
        #expect(body.counts == [a.uuidString.lowercased(): 3, b.uuidString.lowercased(): 0])
    }
}
