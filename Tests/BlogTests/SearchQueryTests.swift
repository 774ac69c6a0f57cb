import Foundation
import InkwellServiceKit
import Testing
@testable import BlogService

@Suite struct SearchQueryTests {
    func problem(_ raw: String?) -> HTTPProblem? {
        do {
            _ = try SearchQuery(raw)
            return nil
        } catch {
            return error
        }
    }

    @Test func keepsTheTrimmedText() throws {
        #expect(try SearchQuery("  \"swift actors\" -kotlin or rust\n").text == "\"swift actors\" -kotlin or rust")
        #expect(try SearchQuery("a").text == "a")
        #expect(try SearchQuery(String(repeating: "x", count: 200)).text.count == 200)
        // Tabs and line breaks are spaces to the parser.
        #expect(try SearchQuery("a\tb\r\nc").text == "a\tb\r\nc")
    }

    @Test func missingEmptyLongOrControlIs400NamingQ() {
        let combining = "e" + String(repeating: "\u{301}", count: 200)  // 201 scalars, one character
        for bad: String? in [nil, "", "   ", "\n\t", String(repeating: "x", count: 201), combining, "a\u{0}b", "a\u{7}b", "a\u{85}b"] {
            let problem = problem(bad)
            #expect(problem?.status == .badRequest, "\(String(describing: bad?.unicodeScalars.map(\.value)))")
            #expect(problem?.errors?.first?.field == "q")
        }
    }

    @Test func eachQueryHasItsOwnCursorPurpose() throws {
        #expect(try SearchQuery("swift").cursorPurpose != SearchQuery("swifty").cursorPurpose)
        #expect(try SearchQuery(" swift ").cursorPurpose == SearchQuery("swift").cursorPurpose)
    }

    @Test func aCursorOfOneQueryIsRefusedForAnother() throws {
        let codec = CursorCodec(secret: "a test secret that is long enough!!")
        let cursor = try codec.encode(SearchPosition(rank: 0.0607927, id: UUID()), purpose: try SearchQuery("swift").cursorPurpose)
        let ok = try PageRequest<SearchPosition>(limit: nil, cursor: cursor, codec: codec, purpose: try SearchQuery("swift").cursorPurpose)
        #expect(ok.after?.rank == 0.0607927)
        #expect(throws: HTTPProblem.self) {
            try PageRequest<SearchPosition>(limit: nil, cursor: cursor, codec: codec, purpose: try SearchQuery("rust").cursorPurpose)
        }
    }
}
