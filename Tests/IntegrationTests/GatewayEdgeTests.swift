import Foundation
import InkwellHTTPClient
import Testing
import TestSupport

/// The first slice through the gateway, and the HTTP edge's answers to bad requests: all
/// problem+json with `X-Request-Id`, from real processes.
@Suite(.serialized) struct GatewayEdgeTests {
    /// One stack for the suite (starting four processes per test would dominate the run).
    static let stack = Task { try await ServiceStack.start() }

    func stack() async throws -> ServiceStack { try await Self.stack.value }

    func expectProblem(_ response: HTTPClientResponse, status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true, sourceLocation: sourceLocation)
        #expect(response.header("X-Request-Id")?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(response.json["status"] as? Int == status, sourceLocation: sourceLocation)
        #expect(response.json["title"] is String, sourceLocation: sourceLocation)
    }

    @Test func registersAnAccountAndShowsTheProfile() async throws {
        let stack = try await stack()
        let name = uniqueUsername("Ada")
        let response = try await stack.request("POST", "/api/v1/auth/register", json: """
            {"email": "\(name)@Example.org", "username": "\(name)", "password": "correct-horse-battery", "displayName": "Ada Ł. 🚀"}
            """)
        #expect(response.status == 201, "\(response.text)")
        let user = response.json
        #expect(user["username"] as? String == name.lowercased())
        #expect(user["email"] as? String == "\(name.lowercased())@example.org")
        #expect(user["emailVerified"] as? Bool == false)
        #expect(user["roles"] as? [String] == ["reader"])
        #expect(user["displayName"] as? String == "Ada Ł. 🚀")
        #expect((user["id"] as? String).flatMap(UUID.init(uuidString:)) != nil)
        #expect((user["createdAt"] as? String)?.hasSuffix("Z") == true)
        #expect(user["password"] == nil && user["passwordHash"] == nil)

        let profile = try await stack.request("GET", "/api/v1/users/\(name.uppercased())")
        #expect(profile.status == 200, "\(profile.text)")
        #expect(profile.json["username"] as? String == name.lowercased())
        #expect(profile.json["email"] == nil, "a public profile never shows the email")
        #expect(profile.json["recentPosts"] is [Any])
    }

    @Test func takenUsernameOrEmailIsAConflictNamingTheField() async throws {
        let stack = try await stack()
        let name = uniqueUsername()
        let first = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "\#(name)@example.org", "username": "\#(name)", "password": "0123456789"}"#)
        #expect(first.status == 201)
        let sameName = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "other-\#(name)@example.org", "username": "\#(name.uppercased())", "password": "0123456789"}"#)
        expectProblem(sameName, status: 409)
        #expect((sameName.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "username")
        let sameEmail = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "\#(name.uppercased())@EXAMPLE.org", "username": "x\#(name)", "password": "0123456789"}"#)
        expectProblem(sameEmail, status: 409)
        #expect((sameEmail.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "email")
    }

    @Test func malformedJSONIs400() async throws {
        let response = try await stack().request("POST", "/api/v1/auth/register", json: #"{"email": "#)
        expectProblem(response, status: 400)
    }

    @Test func invalidFieldsAre422WithErrors() async throws {
        let response = try await stack().request("POST", "/api/v1/auth/register", json: #"{"email": "not-an-email", "username": "-x", "password": "short", "displayName": ""}"#)
        expectProblem(response, status: 422)
        let fields = Set((response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
        #expect(fields == ["email", "username", "password", "displayName"])
    }

    @Test func missingAndMistypedFieldsAre422() async throws {
        let missing = try await stack().request("POST", "/api/v1/auth/register", json: #"{"email": "a@example.org", "password": "0123456789"}"#)
        expectProblem(missing, status: 422)
        #expect((missing.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "username")
        let mistyped = try await stack().request("POST", "/api/v1/auth/register", json: #"{"email": "a@example.org", "username": 42, "password": "0123456789"}"#)
        expectProblem(mistyped, status: 422)
        #expect((mistyped.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "username")
    }

    @Test func twoMebibyteBodyIs413() async throws {
        let big = "{\"email\": \"" + String(repeating: "a", count: 2 << 20) + "\"}"
        let response = try await stack().request("POST", "/api/v1/auth/register", json: big)
        expectProblem(response, status: 413)
    }

    @Test func unknownRouteIs404AndWrongMethodIs405() async throws {
        let stack = try await stack()
        expectProblem(try await stack.request("GET", "/api/v1/nothing-here"), status: 404)
        // Outside the API, a GET is the reading site's: its 404 page.
        let page = try await stack.request("GET", "/no/such/page")
        #expect(page.status == 404)
        #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
        let wrongMethod = try await stack.request("DELETE", "/api/v1/auth/register")
        expectProblem(wrongMethod, status: 405)
        #expect(wrongMethod.header("Allow") == "POST")
    }

    @Test func internalEndpointsAreNeverRouted() async throws {
        let stack = try await stack()
        expectProblem(try await stack.request("GET", "/internal/v1/users?ids=x"), status: 404)
        // Sent as is (the client sets CURLOPT_PATH_AS_IS): the gateway refuses the dot segment.
        expectProblem(try await stack.request("GET", "/api/v1/../internal/v1/users"), status: 400)
    }

    @Test func unsafePathsAre400ThroughTheGatewayAndAtEveryService() async throws {
        let stack = try await stack()
        for path in GatewayPathSafetyTests.attacks {
            expectProblem(try await stack.request("GET", path), status: 400)
            for (name, port) in stack.ports where name != "gateway" {
                let direct = try await stack.request("GET", path, base: "http://127.0.0.1:\(port)")
                #expect(direct.status == 400, "\(name) \(path): \(direct.status) \(direct.text)")
            }
        }
    }

    @Test func requestIdIsEchoedAndGenerated() async throws {
        let stack = try await stack()
        let echoed = try await stack.request("GET", "/api/v1/users/nobody-here", headers: [HTTPHeader(name: "X-Request-Id", value: "req-abc-123")])
        #expect(echoed.status == 404)
        #expect(echoed.header("X-Request-Id") == "req-abc-123")
        let generated = try await stack.request("GET", "/health/live")
        #expect(generated.header("X-Request-Id")?.count ?? 0 >= 16)
    }

    @Test func blogAndCommentsAnswersArePassedOnFaithfully() async throws {
        let stack = try await stack()
        // Their own problems come through the gateway, status, type and instance unchanged.
        let post = try await stack.request("GET", "/api/v1/posts/no-such-post-here")
        expectProblem(post, status: 404)
        #expect(post.json["instance"] as? String == "/api/v1/posts/no-such-post-here")
        let moderation = try await stack.request("GET", "/api/v1/moderation/comments")
        expectProblem(moderation, status: 401)
        #expect(moderation.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        let tags = try await stack.request("GET", "/api/v1/tags")
        #expect(tags.status == 200)
        #expect(tags.json["items"] is [Any])
    }

    @Test func everyServiceIsReadyAndExportsMetrics() async throws {
        let stack = try await stack()
        for (name, port) in stack.ports {
            let ready = try await stack.request("GET", "/health/ready", base: "http://127.0.0.1:\(port)")
            #expect(ready.status == 200, "\(name): \(ready.text)")
            let metrics = try await stack.request("GET", "/metrics", base: "http://127.0.0.1:\(port)")
            #expect(metrics.status == 200)
            #expect(metrics.text.contains("hb_requests") || metrics.text.contains("http_server_request_duration"), "\(name)")
        }
    }
}
