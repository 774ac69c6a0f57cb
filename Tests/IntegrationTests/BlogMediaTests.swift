import Foundation
import InkwellHTTPClient
import Testing
import TestSupport

/// `POST /api/v1/media` through the gateway, against real processes: who may upload, which bytes
/// are accepted, where they land, and `GET /media/<name>` serving them at the gateway's URL.
@Suite(.serialized) struct BlogMediaTests {
    static let adminEmail = "\(uniqueUsername("admin"))@example.org"
    /// One stack for the suite; mail as `.eml` files in its scratch directory.
    static let stack = Task { try await ServiceStack.start(usersEnvironment: ["BOOTSTRAP_ADMIN_EMAIL": adminEmail]) }
    /// The bootstrap admin's access token (every role, verified), made once.
    static let admin = Task { try await signUp(try await stack.value, email: adminEmail, verify: true) }

    func stack() async throws -> ServiceStack { try await Self.stack.value }

    // MARK: - Images

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR-not-really-an-image".utf8)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("JFIF-ish".utf8)
    static let gif: [UInt8] = Array("GIF89a".utf8) + [1, 0, 1, 0, 0x80, 0, 0]
    static let webp: [UInt8] = Array("RIFF".utf8) + [0x1A, 0, 0, 0] + Array("WEBPVP8L".utf8) + [0x2F, 0, 0, 0]
    static let svg: [UInt8] = Array(#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>"#.utf8)

    /// Bytes no other test uploads, so that a test's file is its own.
    static func unique(_ image: [UInt8]) -> [UInt8] { image + Array(UUID().uuidString.utf8) }

    // MARK: - Helpers

    /// Registers an account (verified when asked, following the link in its mail) and signs in.
    static func signUp(_ stack: ServiceStack, email: String? = nil, verify: Bool) async throws -> String {
        let username = uniqueUsername("m")
        let email = email ?? "\(username)@example.org"
        let registered = try await stack.request("POST", "/api/v1/auth/register", json: #"{"email": "\#(email)", "username": "\#(username)", "password": "correct-horse-battery"}"#)
        try #require(registered.status == 201, "\(registered.text)")
        if verify {
            let link = try await MailboxReader.link(to: email, path: "/verify-email", in: stack.mailDirectory)
            let verified = try await stack.request("POST", "/api/v1/auth/verify-email", json: #"{"token": "\#(MailboxReader.token(in: link))"}"#)
            try #require(verified.status == 200, "\(verified.text)")
        }
        return try await signIn(stack, username)
    }

    static func signIn(_ stack: ServiceStack, _ username: String) async throws -> String {
        let login = try await stack.request("POST", "/api/v1/auth/login", json: #"{"login": "\#(username)", "password": "correct-horse-battery"}"#)
        try #require(login.status == 200, "\(login.text)")
        return login.json["accessToken"] as! String
    }

    /// A verified author: an account the admin gives the author role, signed in again for a token with it.
    func author(_ stack: ServiceStack, verified: Bool = true) async throws -> String {
        let token = try await Self.signUp(stack, verify: verified)
        let me = try await stack.request("GET", "/api/v1/users/me", headers: bearer(token))
        let username = try #require(me.json["username"] as? String)
        let roles = try await stack.request("PUT", "/api/v1/users/\(username)/roles", json: #"{"roles": ["author"]}"#, headers: bearer(try await Self.admin.value))
        try #require(roles.status == 200, "\(roles.text)")
        return try await Self.signIn(stack, username)
    }

    func bearer(_ token: String) -> [HTTPHeader] { [HTTPHeader(name: "Authorization", value: "Bearer \(token)")] }

    /// `POST /api/v1/media` with a raw body, recorded for the OpenAPI check.
    func upload(_ stack: ServiceStack, _ bytes: [UInt8], contentType: String?, token: String?, base: String? = nil) async throws -> HTTPClientResponse {
        var headers = token.map(bearer) ?? []
        if let contentType { headers.append(HTTPHeader(name: "Content-Type", value: contentType)) }
        let response = try await stack.http.execute(HTTPClientRequest(method: "POST", url: (base ?? stack.gatewayURL) + "/api/v1/media", headers: headers, body: bytes, timeout: .seconds(30)))
        if base == nil {
            stack.recorder.record(method: "POST", path: "/api/v1/media", status: response.status, contentType: response.header("Content-Type"), body: response.body)
        }
        return response
    }

    func expectProblem(_ response: HTTPClientResponse, status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true, sourceLocation: sourceLocation)
    }

    // MARK: - Tests

    @Test func eachImageTypeIsStoredAndServedAtTheGatewayURL() async throws {
        let stack = try await stack()
        let token = try await author(stack)
        for (image, type, ext) in [(Self.png, "image/png", "png"), (Self.jpeg, "image/jpeg", "jpg"), (Self.gif, "image/gif", "gif"), (Self.webp, "image/webp", "webp")] {
            let bytes = Self.unique(image)
            let response = try await upload(stack, bytes, contentType: type, token: token)
            try #require(response.status == 201, "\(type): \(response.text)")
            let url = try #require(response.json["url"] as? String)
            #expect(response.json["contentType"] as? String == type)
            #expect(response.json["size"] as? Int == bytes.count)
            #expect(response.header("Location") == url)
            // Content-addressed: /media/<sha256 hex>.<ext>.
            let name = String(url.dropFirst("/media/".count))
            #expect(url.hasPrefix("/media/") && name.hasSuffix("." + ext), "\(url)")
            #expect(name.dropLast(ext.count + 1).count == 64 && name.dropLast(ext.count + 1).allSatisfy { $0.isHexDigit && !$0.isUppercase })
            // The file is really in the sink, under media/.
            #expect(FileManager.default.contents(atPath: stack.pagesDirectory + "/media/" + name).map(Array.init) == bytes)
            // And served at the one URL, as its type, never sniffed.
            let served = try await stack.http.execute(HTTPClientRequest(url: stack.gatewayURL + url))
            #expect(served.status == 200)
            #expect(served.body == bytes)
            #expect(served.header("Content-Type") == type)
            #expect(served.header("X-Content-Type-Options") == "nosniff")
            #expect(served.header("Cache-Control")?.contains("immutable") == true)
        }
    }

    @Test func theSameBytesTwiceGiveTheSameURL() async throws {
        let stack = try await stack()
        let token = try await author(stack)
        let bytes = Self.unique(Self.png)
        let first = try await upload(stack, bytes, contentType: "image/png", token: token)
        let second = try await upload(stack, bytes, contentType: "IMAGE/PNG; charset=binary", token: try await author(stack))
        #expect(first.status == 201 && second.status == 201, "\(second.text)")
        #expect(first.json["url"] as? String == second.json["url"] as? String)
        let other = try await upload(stack, bytes + [0], contentType: "image/png", token: token)
        #expect(other.json["url"] as? String != first.json["url"] as? String)
        let files = try FileManager.default.contentsOfDirectory(atPath: stack.pagesDirectory + "/media")
        #expect(files.filter { !$0.hasPrefix(".") }.contains(String((first.json["url"] as? String ?? "").dropFirst("/media/".count))))
        #expect(!files.contains { $0.hasPrefix(".") }, "no temporary file is left behind: \(files)")
    }

    @Test func mismatchedEmptyAndOtherTypesAre415() async throws {
        let stack = try await stack()
        let token = try await author(stack)
        let cases: [([UInt8], String?, String)] = [
            (Self.png, "image/jpeg", "a PNG declared as JPEG"),
            (Self.jpeg, "image/png", "a JPEG declared as PNG"),
            (Self.gif, "image/webp", "a GIF declared as WebP"),
            (Self.svg, "image/svg+xml", "SVG"),
            (Self.svg, "image/png", "SVG declared as PNG"),
            (Array("just text".utf8), "text/plain", "text"),
            (Self.png, "application/octet-stream", "an accepted image declared as bytes"),
            (Self.png, nil, "no Content-Type"),
            ([], "image/gif", "an empty body"),
        ]
        for (bytes, type, what) in cases {
            let response = try await upload(stack, bytes, contentType: type, token: token)
            expectProblem(response, status: 415)
            #expect(response.status == 415, "\(what)")
        }
        // Nothing was stored for any of them.
        let stored = (try? FileManager.default.contentsOfDirectory(atPath: stack.pagesDirectory + "/media")) ?? []
        #expect(!stored.contains { $0.hasSuffix(".svg") })
    }

    @Test func moreThanFiveMebibytesIs413() async throws {
        let stack = try await stack()
        let token = try await author(stack)
        let limit = 5 << 20
        let tooBig = Self.png + [UInt8](repeating: 0, count: limit - Self.png.count + 1)
        expectProblem(try await upload(stack, tooBig, contentType: "image/png", token: token), status: 413)
        // Straight to the blog service too: its route has the same limit.
        let direct = try await upload(stack, tooBig, contentType: "image/png", token: token, base: "http://127.0.0.1:\(stack.ports["blog"]!)")
        #expect(direct.status == 413, "\(direct.text)")
        // Exactly 5 MiB is fine, through the gateway.
        let atLimit = Self.unique(Self.png) + [UInt8](repeating: 7, count: limit - Self.png.count - 36)
        #expect(atLimit.count == limit)
        let accepted = try await upload(stack, atLimit, contentType: "image/png", token: token)
        #expect(accepted.status == 201, "\(accepted.text)")
        #expect(accepted.json["size"] as? Int == limit)
    }

    @Test func anonymousIs401ReadersAndUnverifiedAuthorsAre403() async throws {
        let stack = try await stack()
        let anonymous = try await upload(stack, Self.png, contentType: "image/png", token: nil)
        expectProblem(anonymous, status: 401)
        #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        expectProblem(try await upload(stack, Self.png, contentType: "image/png", token: "not-a-token"), status: 401)
        let reader = try await Self.signUp(stack, verify: true)
        expectProblem(try await upload(stack, Self.png, contentType: "image/png", token: reader), status: 403)
        let unverifiedAuthor = try await author(stack, verified: false)
        expectProblem(try await upload(stack, Self.png, contentType: "image/png", token: unverifiedAuthor), status: 403)
        // Authorization comes before the body's type: a reader learns nothing about it.
        expectProblem(try await upload(stack, Self.svg, contentType: "image/svg+xml", token: reader), status: 403)
    }

    @Test func otherMethodsAre405AndUnknownFilesAre404() async throws {
        let stack = try await stack()
        let get = try await stack.request("GET", "/api/v1/media")
        expectProblem(get, status: 405)
        #expect(get.header("Allow") == "POST")
        let missing = try await stack.http.execute(HTTPClientRequest(url: stack.gatewayURL + "/media/" + String(repeating: "0", count: 64) + ".png"))
        #expect(missing.status == 404)
        for path in ["/media/.hidden.png", "/media/%2e%2e%2fsecrets.env", "/media/a%20b.png"] {
            let refused = try await stack.http.execute(HTTPClientRequest(url: stack.gatewayURL + path))
            #expect(refused.status == 404 || refused.status == 400, "\(path): \(refused.status)")
        }
    }

    @Test func aWebDAVSinkStoresAndServesThroughTheFileServer() async throws {
        var base = try TestEnvironment.webdavURL()
        if !base.hasSuffix("/") { base += "/" }
        let prefix = "blog-media-\(UUID().uuidString.prefix(8))"
        let sink = base + prefix + "/"
        let stack = try await ServiceStack.start(
            usersEnvironment: ["BOOTSTRAP_ADMIN_EMAIL": Self.adminEmail],
            blogEnvironment: ["MEDIA_SINK": sink], gatewayEnvironment: ["PAGES_SINK": sink]
        )
        do {
            let token = try await Self.signUp(stack, email: Self.adminEmail, verify: true)
            let bytes = Self.unique(Self.webp)
            let response = try await upload(stack, bytes, contentType: "image/webp", token: token)
            try #require(response.status == 201, "\(response.text)")
            let url = try #require(response.json["url"] as? String)
            // On the file server's disk, under media/.
            let onDisk = try TestEnvironment.webdavRoot() + "/" + prefix + url
            #expect(FileManager.default.contents(atPath: onDisk).map(Array.init) == bytes)
            let served = try await stack.http.execute(HTTPClientRequest(url: stack.gatewayURL + url))
            #expect(served.status == 200)
            #expect(served.body == bytes)
            #expect(served.header("Content-Type") == "image/webp")
            await stack.stop()
        } catch {
            await stack.stop()
            throw error
        }
    }
}
