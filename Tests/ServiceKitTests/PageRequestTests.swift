import Foundation
import InkwellServiceKit
import Testing

@Suite struct PageRequestTests {
    struct Position: Codable, Sendable, Equatable { var id: Int }
    let codec = CursorCodec(secret: "a test secret that is long enough!!")

    func page(limit: String? = nil, cursor: String? = nil) throws(HTTPProblem) -> PageRequest<Position> {
        try PageRequest(limit: limit, cursor: cursor, codec: codec, purpose: "items")
    }

    @Test func limitDefaultsTo20AndAccepts1To100() throws {
        #expect(try page().limit == 20)
        #expect(try page(limit: "1").limit == 1)
        #expect(try page(limit: "100").limit == 100)
        #expect(try page(limit: "007").limit == 7)
    }

    @Test func otherLimitsAre400() {
        for bad in ["0", "101", "-1", "+5", " 5", "5 ", "", "abc", "1e2", "20.0", "99999999999999999999", "٣"] {
            #expect(throws: HTTPProblem.self, "\(bad)") { try page(limit: bad) }
            #expect((try? page(limit: bad)) == nil)
        }
        do {
            _ = try page(limit: "0")
        } catch {
            #expect(error.status == .badRequest)
            #expect(error.errors?.first?.field == "limit")
        }
    }

    @Test func cursorRoundTripThroughPages() throws {
        let first = try page(limit: "2")
        #expect(first.after == nil)
        #expect(first.fetchLimit == 3)
        let (items, next) = try first.page([Position(id: 1), Position(id: 2), Position(id: 3)]) { $0 }
        #expect(items == [Position(id: 1), Position(id: 2)])
        let cursor = try #require(next)
        #expect(try page(limit: "2", cursor: cursor).after == Position(id: 2))
        // The last page has no next cursor.
        #expect(try first.page([Position(id: 4)]) { $0 }.nextCursor == nil)
        #expect(throws: HTTPProblem.self) { try page(cursor: cursor + "x") }
        #expect(throws: HTTPProblem.self) { try page(cursor: "") }
    }

    @Test func fromARequestQuery() async throws {
        let cursor = try codec.encode(Position(id: 9), purpose: "items")
        let ok = try PageRequest<Position>(TestRequests.get("/items?limit=5&cursor=\(cursor)"), codec: codec, purpose: "items")
        #expect(ok.limit == 5)
        #expect(ok.after == Position(id: 9))
        #expect(throws: HTTPProblem.self) { try PageRequest<Position>(TestRequests.get("/items?limit=5&limit=6"), codec: codec, purpose: "items") }
        #expect(throws: HTTPProblem.self) { try PageRequest<Position>(TestRequests.get("/items?limit=500"), codec: codec, purpose: "items") }
    }

    @Test func aListMayWidenItsLimits() throws {
        func export(_ limit: String?) throws(HTTPProblem) -> PageRequest<Position> {
            try PageRequest(limit: limit, cursor: nil, codec: codec, purpose: "export", limits: 1...500, defaultLimit: 100)
        }
        #expect(try export(nil).limit == 100)
        #expect(try export("500").limit == 500)
        for bad in ["0", "501", "000501", "1000000"] {
            #expect(throws: HTTPProblem.self, "\(bad)") { try export(bad) }
        }
        // The default range is unchanged.
        #expect(throws: HTTPProblem.self) { try page(limit: "500") }
    }
}
