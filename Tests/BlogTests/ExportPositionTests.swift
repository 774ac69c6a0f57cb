import Foundation
import Testing
@testable import BlogService

@Suite struct ExportPositionTests {
    @Test func keepsMicroseconds() throws {
        // 2026-11-21T10:00:00.123456Z, which a JSON date would cut to milliseconds.
        let date = Date(timeIntervalSince1970: 1_795_255_200.123456)
        let position = ExportPosition(publishedAt: date, id: UUID())
        #expect(position.publishedAtMicros % 1000 != 0)
        #expect(abs(position.publishedAt.timeIntervalSince(date)) < 0.000_001)
        #expect(ExportPosition(publishedAt: position.publishedAt, id: position.id) == position)
    }
}
