import Foundation
@testable import InkwellCore
import Testing

/// ``InkwellJSON/parseDate(_:)``'s integer fast path gives exactly the `Date` of Foundation's
/// format style for the shapes Inkwell writes, and leaves everything else to the style.
@Suite struct DateParsingTests {
    let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    let wholeSeconds = Date.ISO8601FormatStyle(timeZone: .gmt)

    @Test func theFastPathGivesTheStylesDate() throws {
        var generator = SystemRandomNumberGenerator()
        var texts = [
            "1900-01-01T00:00:00.000Z", "1970-01-01T00:00:00.000Z", "2000-02-29T23:59:59.999Z", "2001-01-01T00:00:00Z",
            "2026-11-21T10:00:00.123Z", "9999-12-31T23:59:59.999Z", "2024-02-29T12:00:00Z", "1969-12-31T23:59:59.001Z",
        ]
        for _ in 0..<20_000 {
            // Milliseconds from 1900 to 9999, as the formatter writes them.
            let ms = Int64.random(in: -3_187_296_000_000...252_423_993_599_999, using: &generator)
            texts.append(style.format(Date(timeIntervalSinceReferenceDate: Double(ms) / 1000)))
            texts.append(wholeSeconds.format(Date(timeIntervalSinceReferenceDate: Double(ms / 1000))))
        }
        var mismatches: [String] = []
        for text in texts {
            let fast = try #require(InkwellJSON.parseFast(text), "\(text)")
            let expected = text.utf8.count == 24 ? try style.parse(text) : try wholeSeconds.parse(text)
            if fast != expected { mismatches.append("\(text): \(fast.timeIntervalSinceReferenceDate) != \(expected.timeIntervalSinceReferenceDate)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test(arguments: [
        "1899-12-31T23:59:59.999Z", "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T10:00:60Z",
        "2026-11-21T10:00:00.12Z", "2026-11-21T10:00:00.1234Z", "2026-11-21T10:00:00+00:00", "2026-11-21t10:00:00Z", "2026-11-21T10:00:00z",
        "2026-11-21 10:00:00Z", "2026-1a-21T10:00:00Z", "", "not a date at all, not at all",
    ])
    func otherShapesAreLeftToTheStyle(_ text: String) {
        #expect(InkwellJSON.parseFast(text) == nil)
        // And parseDate still answers as the style does.
        #expect(InkwellJSON.parseDate(text) == ((try? style.parse(text)) ?? (try? wholeSeconds.parse(text))))
    }
}
