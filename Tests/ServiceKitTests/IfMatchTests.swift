import Foundation
import Hummingbird
import HummingbirdTesting
import InkwellServiceKit
import Testing

@Suite struct IfMatchTests {
    @Test func parsesTheForms() throws {
        #expect(try IfMatch.parse("*") == .any)
        #expect(try IfMatch.parse(" * ") == .any)
        #expect(try IfMatch.parse(#""3""#) == .tags([EntityTag("3")]))
        #expect(try IfMatch.parse(#"W/"3""#) == .tags([EntityTag("3", weak: true)]))
        #expect(try IfMatch.parse(#""1", W/"2" ,"3",,"#) == .tags([EntityTag("1"), EntityTag("2", weak: true), EntityTag("3")]))
        #expect(try IfMatch.parse(#""""#) == .tags([EntityTag("")]))
    }

    @Test func malformedIs400() {
        for bad in ["", " ", "3", #""3"#, #"w/"3""#, #""3" "4""#, #"*, "3""#, #""a b""#, ",", #"W/3"#, "**"] {
            #expect(throws: HTTPProblem.self, "\(bad)") { try IfMatch.parse(bad) }
        }
    }

    @Test func strongComparison() throws {
        let current = EntityTag(version: 3)
        #expect(current.description == #""3""#)
        #expect(try IfMatch.parse(#""3""#).matches(current))
        #expect(try IfMatch.parse(#""2", "3""#).matches(current))
        #expect(try IfMatch.parse("*").matches(current))
        #expect(!(try IfMatch.parse(#""4""#).matches(current)))
        // A weak tag never matches strongly.
        #expect(!(try IfMatch.parse(#"W/"3""#).matches(current)))
    }

    @Test func checkAnswers412OrPasses() throws {
        try IfMatch.check(TestRequests.get("/x"), currentVersion: 3)  // absent: passes
        try IfMatch.check(TestRequests.get("/x", headers: [.ifMatch: #""3""#]), currentVersion: 3)
        var headers = HTTPFields()
        headers[values: .ifMatch] = [#""1""#, #""3""#]
        try IfMatch.check(TestRequests.get("/x", headers: headers), currentVersion: 3)  // lines form one list
        do {
            try IfMatch.check(TestRequests.get("/x", headers: [.ifMatch: #""2""#]), currentVersion: 3)
            Issue.record("a stale version passed")
        } catch {
            #expect(error.status == .preconditionFailed)
            #expect(error.headers[.eTag] == #""3""#)
        }
        #expect(throws: HTTPProblem.self) { try IfMatch.check(TestRequests.get("/x", headers: [.ifMatch: "3"]), currentVersion: 3) }
    }

    @Test func onARouteAsProblemJSON() async throws {
        let router = Router.inkwell()
        let routes = RouteTable(router: router)
        routes.on("/doc", .patch) { request, _ -> Response in
            try IfMatch.check(request, currentVersion: 7)
            return Response(status: .ok, headers: .eTag(version: 8))
        }
        routes.finish()
        try await Application(router: router).test(.router) { client in
            let ok = try await client.execute(uri: "/doc", method: .patch, headers: [.ifMatch: #""7""#])
            #expect(ok.status == .ok)
            #expect(ok.headers[.eTag] == #""8""#)
            let stale = try await client.execute(uri: "/doc", method: .patch, headers: [.ifMatch: #""6""#])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.contentType] == "application/problem+json")
            let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(String(buffer: stale.body).utf8))
            #expect(problem.status == 412)
            #expect(try await client.execute(uri: "/doc", method: .patch).status == .ok)
        }
    }
}
