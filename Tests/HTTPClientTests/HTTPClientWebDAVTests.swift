import Foundation
import InkwellHTTPClient
import TestSupport
import Testing

/// Requests against the test stack's nginx with WebDAV (PUT, DELETE, MKCOL).
@Suite struct HTTPClientWebDAVTests {
    @Test func putThenGetReturnsTheBytes() async throws {
        let (url, file) = try TestClient.webdavURL("page.html")
        let bytes = Array("<h1>Hello, Inkwell</h1>\n".utf8)
        try await TestClient.with { client in
            let put = try await client.execute(.init(method: "PUT", url: url, headers: [.init(name: "Content-Type", value: "text/html")], body: bytes))
            #expect(put.status == 201)

            let get = try await client.execute(.init(url: url))
            #expect(get.status == 200)
            #expect(get.body == bytes)
            #expect(get.header("content-length") == "\(bytes.count)")
            #expect(get.header("CONTENT-LENGTH") == get.header("Content-Length"))
            #expect(get.header("X-Not-There") == nil)
            #expect(FileManager.default.contents(atPath: file).map(Array.init) == bytes)
        }
    }

    @Test func putCreatesNestedPathsAndOverwrites() async throws {
        let (url, file) = try TestClient.webdavURL("posts/2024/05/hello-world/index.html")
        try await TestClient.with { client in
            let first = try await client.execute(.init(method: "PUT", url: url, body: Array("first".utf8)))
            #expect(first.status == 201)
            let second = try await client.execute(.init(method: "PUT", url: url, body: Array("second".utf8)))
            #expect(second.status == 204)  // nginx: overwritten
            let get = try await client.execute(.init(url: url))
            #expect(String(decoding: get.body, as: UTF8.self) == "second")
            #expect(FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } == "second")
        }
    }

    @Test func deleteThenGetIs404() async throws {
        let (url, file) = try TestClient.webdavURL("gone.txt")
        try await TestClient.with { client in
            _ = try await client.execute(.init(method: "PUT", url: url, body: Array("bye".utf8)))
            let delete = try await client.execute(.init(method: "DELETE", url: url))
            #expect(delete.status == 204)
            let get = try await client.execute(.init(url: url))
            #expect(get.status == 404)  // a status, not an error
            #expect(!FileManager.default.fileExists(atPath: file))
        }
    }

    @Test func mkcolCreatesACollection() async throws {
        // MKCOL (unlike PUT with create_full_put_path) needs the parent to exist: one level at a time.
        let (parent, parentFile) = try TestClient.webdavURL("")
        let (url, file) = (parent + "collection/", parentFile + "collection")
        try await TestClient.with { client in
            let first = try await client.execute(.init(method: "MKCOL", url: parent))
            let nested = try await client.execute(.init(method: "MKCOL", url: url))
            let again = try await client.execute(.init(method: "MKCOL", url: url))
            #expect(first.status == 201)
            #expect(nested.status == 201)
            #expect(again.status == 405)  // already exists
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) && isDirectory.boolValue)
        }
    }

    @Test func headReturnsHeadersWithoutBody() async throws {
        let (url, _) = try TestClient.webdavURL("head.txt")
        try await TestClient.with { client in
            _ = try await client.execute(.init(method: "PUT", url: url, body: Array("twelve bytes".utf8)))
            let head = try await client.execute(.init(method: "HEAD", url: url, timeout: .seconds(5)))
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "12")
            #expect(head.body.isEmpty)
        }
    }

    /// libcurl would send `Expect: 100-continue` for a body this large and wait a second for
    /// an answer nginx never sends; the client suppresses that.
    @Test func largePutDoesNotStallOnExpectContinue() async throws {
        let (url, file) = try TestClient.webdavURL("big.bin")
        let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try await TestClient.with { client in
            let put = try await client.execute(.init(method: "PUT", url: url, body: bytes))
            #expect(put.status == 201)
            #expect(put.totalTime < .seconds(5), "PUT took \(put.totalTime)")
            #expect(FileManager.default.contents(atPath: file).map(Array.init) == bytes)
        }
    }

    @Test func sequentialRequestsReuseTheConnection() async throws {
        let (url, _) = try TestClient.webdavURL("keepalive.txt")
        try await TestClient.with { client in
            _ = try await client.execute(.init(method: "PUT", url: url, body: Array("k".utf8)))
            for _ in 0..<3 {
                let get = try await client.execute(.init(url: url))
                #expect(get.status == 200)
                #expect(get.connectionReused)
            }
        }
    }
}
