import Foundation
import GatewayService
import Testing

@Suite struct HumanDateTests {
    @Test(arguments: [
        (0.0, "1 January 1970", "1970-01-01T00:00:00Z"),
        (1_780_306_205, "1 June 2026", "2026-06-01T09:30:05Z"),
        (1_709_251_199, "29 February 2024", "2024-02-29T23:59:59Z"),
        (-86_400, "31 December 1969", "1969-12-31T00:00:00Z"),
        (951_782_400, "29 February 2000", "2000-02-29T00:00:00Z"),
        (4_102_444_799, "31 December 2099", "2099-12-31T23:59:59Z"),
    ])
    func formats(_ seconds: Double, _ text: String, _ iso: String) {
        let date = HumanDate(Date(timeIntervalSince1970: seconds))
        #expect(date.text == text)
        #expect(date.iso == iso)
        #expect(date.isoDay == String(iso.prefix(10)))
    }

    @Test func fractionalSecondsRoundDown() {
        #expect(HumanDate(Date(timeIntervalSince1970: 59.999)).iso == "1970-01-01T00:00:59Z")
        #expect(HumanDate(Date(timeIntervalSince1970: -0.5)).iso == "1969-12-31T23:59:59Z")
    }
}
