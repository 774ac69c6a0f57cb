@testable import InkwellServiceKit
import InkwellCore
import Testing

@Suite struct TraceContextTests {
    @Test func continuesAValidTraceWithANewSpan() throws {
        let header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let trace = try #require(TraceContext(continuing: header))
        #expect(trace.traceId == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(trace.spanId != "00f067aa0ba902b7")
        #expect(trace.traceparent.hasPrefix("00-4bf92f3577b34da6a3ce929d0e0e4736-"))
        #expect(trace.traceparent.hasSuffix("-01"))
    }

    @Test(arguments: [
        "", "garbage", "00-xyz-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    ])
    func rejectsMalformedHeaders(header: String) {
        #expect(TraceContext(continuing: header) == nil)
    }

    @Test func newTracesAreWellFormed() {
        let trace = TraceContext()
        #expect(TraceContext(continuing: trace.traceparent)?.traceId == trace.traceId)
    }

    @Test func requestIdsFromClientsAreSanitised() {
        #expect(RequestIdMiddleware.sanitized("abc-123") == "abc-123")
        #expect(RequestIdMiddleware.sanitized("") == nil)
        #expect(RequestIdMiddleware.sanitized("has space") == nil)
        #expect(RequestIdMiddleware.sanitized("line\nbreak") == nil)
        #expect(RequestIdMiddleware.sanitized(String(repeating: "a", count: 129)) == nil)
    }

    @Test func uuidV7IsTimeOrderedAndVersioned() {
        let a = UUIDv7.generate(at: .init(timeIntervalSince1970: 1_700_000_000))
        let b = UUIDv7.generate(at: .init(timeIntervalSince1970: 1_700_000_001))
        #expect(a.uuidString < b.uuidString)
        #expect(Array(a.uuidString)[14] == "7")
    }
}
