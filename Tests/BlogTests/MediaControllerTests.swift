import BlogService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InkwellAuth
import InkwellFileSink
import InkwellServiceKit
import Synchronization
import Testing

/// `POST /api/v1/media` in process, over sinks that remember or fail: what is written where, and
/// a storage failure answered as 503. (Authorization, types and limits end to end: BlogMediaTests.)
@Suite struct MediaControllerTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
    static let author = AuthenticatedUser(id: UUID(), username: "ada", roles: ["reader", "author"], emailVerified: true)

    /// Remembers every write.
    final class MemorySink: FileSink {
        let files = Mutex<[SinkPath: (bytes: [UInt8], contentType: String)]>([:])
        func write(_ bytes: [UInt8], to path: SinkPath, contentType: String) async throws(FileSinkError) {
            files.withLock { $0[path] = (bytes, contentType) }
        }
        func delete(_ path: SinkPath) async throws(FileSinkError) { _ = files.withLock { $0.removeValue(forKey: path) } }
        func read(_ path: SinkPath) async throws(FileSinkError) -> [UInt8]? { files.withLock { $0[path]?.bytes } }
    }

    /// Fails every operation as an unreachable WebDAV server would.
    struct FailingSink: FileSink {
        func write(_ bytes: [UInt8], to path: SinkPath, contentType: String) async throws(FileSinkError) {
            throw FileSinkError(kind: .transport(.connectionRefused), operation: .write, path: path, message: "connection refused")
        }
        func delete(_ path: SinkPath) async throws(FileSinkError) {}
        func read(_ path: SinkPath) async throws(FileSinkError) -> [UInt8]? { nil }
    }

    /// Stands in for the bearer-token middleware: every request is `user`'s.
    struct SignedIn: RouterMiddleware {
        let user: AuthenticatedUser
        func handle(_ request: Request, context: InkwellRequestContext, next: (Request, InkwellRequestContext) async throws -> Response) async throws -> Response {
            var context = context
            context.user = user
            return try await next(request, context)
        }
    }

    func withApp(sink: any FileSink, _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router.inkwell(bodyLimit: nil)
        router.add(middleware: SignedIn(user: Self.author))
        MediaController(store: MediaStore(sink: sink)).register(on: router)
        try await Application(router: router).test(.router, test)
    }

    @Test func writesTheBytesAtTheirContentAddressedPath() async throws {
        let sink = MemorySink()
        try await withApp(sink: sink) { client in
            try await client.execute(uri: "/api/v1/media", method: .post, headers: [.contentType: "image/png"], body: ByteBuffer(bytes: Self.png)) { response in
                #expect(response.status == .created)
                let upload = try JSONDecoder().decode(MediaUpload.self, from: Data(buffer: response.body))
                let name = MediaName(bytes: Self.png, kind: .png)
                #expect(upload == MediaUpload(url: name.urlPath, contentType: "image/png", size: Self.png.count))
                #expect(response.headers[.location] == name.urlPath)
            }
        }
        let files = sink.files.withLock { $0.mapValues { $0.contentType } }
        #expect(files == [MediaName(bytes: Self.png, kind: .png).sinkPath: "image/png"])
    }

    @Test func aStorageFailureIs503AndRetryable() async throws {
        try await withApp(sink: FailingSink()) { client in
            try await client.execute(uri: "/api/v1/media", method: .post, headers: [.contentType: "image/png"], body: ByteBuffer(bytes: Self.png)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                // Nothing about the sink leaks to the client.
                #expect(!String(buffer: response.body).contains("connection refused"))
            }
        }
    }

    @Test func aBodyOverTheLimitIsRefusedAndNotStored() async throws {
        let sink = MemorySink()
        try await withApp(sink: sink) { client in
            let tooBig = Self.png + [UInt8](repeating: 0, count: InkwellLimits.mediaBody + 1 - Self.png.count)
            try await client.execute(uri: "/api/v1/media", method: .post, headers: [.contentType: "image/png"], body: ByteBuffer(bytes: tooBig)) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        #expect(sink.files.withLock { $0.isEmpty })
    }
}
