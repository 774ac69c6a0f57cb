import CommentsService
import Foundation
import InkwellCore
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

    /// Hides the fast path: the encoder takes `encode(to:)`.
    struct ViaCodable<Value: Encodable>: Encodable {
        let value: Value
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }

    @Test func theHandEncodedAnswerIsTheCodableOneInTheOrderAsked() throws {
        let ids = (0..<20).map { _ in UUID() }
        let found = Dictionary(uniqueKeysWithValues: ids.enumerated().filter { $0.offset % 3 == 0 }.map { ($0.element, $0.offset * 1000) })
        let encoder = InkwellJSON.responseEncoder
        for body in [CommentCounts(postIds: ids, found: found), CommentCounts(postIds: [ids[1], ids[0], ids[1]], found: [ids[0]: Int.max]), CommentCounts(postIds: [], found: [:])] {
            let fast = String(decoding: try encoder.encode(body), as: UTF8.self)
            #expect(fast == String(decoding: try encoder.encode(ViaCodable(value: body)), as: UTF8.self))
            let expected = "{\"counts\":{" + body.postIds.map { "\"\($0.uuidString.lowercased())\":\(body.count(of: $0))" }.joined(separator: ",") + "}}"
            #expect(fast == expected)
            let decoded = try JSONDecoder().decode([String: [String: Int]].self, from: Data(fast.utf8))
            #expect(decoded == ["counts": body.counts])
        }
        // A repeat is answered once.
        #expect(CommentCounts(postIds: [ids[1], ids[0], ids[1]], found: [:]).postIds == [ids[1], ids[0]])
    }
}
