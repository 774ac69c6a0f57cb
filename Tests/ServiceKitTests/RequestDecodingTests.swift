import Foundation
import Hummingbird
@testable import InkwellServiceKit
import InkwellCore
import Testing

@Suite struct RequestDecodingTests {
    struct Body: Codable { var name: String; var count: Int; var nested: Nested?; struct Nested: Codable { var flag: Bool } }

    func problem(_ json: String) -> HTTPProblem? {
        do {
            _ = try InkwellJSON.decoder.decode(Body.self, from: Data(json.utf8))
            return nil
        } catch let error as DecodingError {
            return Request.problem(for: error)
        } catch {
            return nil
        }
    }

    @Test func syntaxErrorsAre400() {
        #expect(problem(#"{"name": "#)?.status == .badRequest)
        #expect(problem("not json")?.status == .badRequest)
        #expect(problem("[1, 2]")?.status == .badRequest)
    }

    @Test func shapeErrorsAre422NamingTheField() {
        let missing = problem(#"{"name": "x"}"#)
        #expect(missing?.status == .unprocessableContent)
        #expect(missing?.errors == [FieldError(field: "count", message: "is required")])
        let mistyped = problem(#"{"name": "x", "count": "three"}"#)
        #expect(mistyped?.errors == [FieldError(field: "count", message: "must be an integer")])
        let nested = problem(#"{"name": "x", "count": 1, "nested": {"flag": "yes"}}"#)
        #expect(nested?.errors?.first?.field == "nested.flag")
        let null = problem(#"{"name": null, "count": 1}"#)
        #expect(null?.status == .unprocessableContent)
    }

    @Test func contentTypes() {
        #expect(Request.isJSON("application/json"))
        #expect(Request.isJSON("application/json; charset=utf-8"))
        #expect(Request.isJSON("application/merge-patch+json"))
        #expect(!Request.isJSON("text/plain"))
    }

    @Test func datesAreRFC3339WithMillisecondsInUTC() throws {
        let date = Date(timeIntervalSince1970: 1_763_719_200.1234)
        #expect(InkwellJSON.format(date) == "2025-11-21T10:00:00.123Z")
        let parsed = try #require(InkwellJSON.parseDate("2025-11-21T10:00:00.123Z"))
        #expect(abs(parsed.timeIntervalSince(date)) < 0.001)
    }
}
