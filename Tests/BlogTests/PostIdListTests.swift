import Foundation
import InkwellServiceKit
import Testing
@testable import BlogService

@Suite struct PostIdListTests {
    @Test func keepsTheOrderAndDropsRepeats() throws {
        let a = UUID(), b = UUID()
        #expect(try PostIdList.parse("\(b),\(a.uuidString.lowercased()), \(b),") == [b, a])
        #expect(try PostIdList.parse("") == [])
    }

    @Test func missingMalformedOrTooManyIs400() throws {
        let many = (0...PostIdList.maxIds).map { _ in UUID().uuidString }.joined(separator: ",")
        for bad: String? in [nil, "not-a-uuid", "\(UUID()),x", many] {
            #expect(throws: HTTPProblem.self) { try PostIdList.parse(bad) }
        }
        let hundred = (0..<PostIdList.maxIds).map { _ in UUID().uuidString }.joined(separator: ",")
        #expect(try PostIdList.parse(hundred).count == 100)
    }
}
