import HTTPTypes
import Hummingbird
import InkwellFileSink
import InkwellServiceKit

/// `GET /media/{name}`: the uploaded media the blog stores beside the pages (PAGES.md), read
/// from the pages sink (`PAGES_SINK`) and served at the gateway's URL, so a client needs one URL.
/// Names are content-addressed, so a file never changes: it may be cached for good.
public struct MediaFilesController: Sendable {
    let files: any FileSink

    /// Media types by file extension: the four the blog stores; anything else is served as bytes.
    static let contentTypes: [String: String] = ["png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"]

    public init(files: any FileSink) {
        self.files = files
    }

    public func register(on routes: RouteTable) {
        routes.on("/media/{name}", .get) { request, context in try await self.file(request, context: context) }
    }

    func file(_ request: Request, context: InkwellRequestContext) async throws -> Response {
        // A name that is no valid sink path segment (hidden, odd characters) names no file.
        guard let name = context.parameters.get("name"), let path = try? SinkPath(segments: ["media", name]) else {
            throw HTTPProblem.notFound()
        }
        let bytes: [UInt8]?
        do {
            bytes = try await files.read(path)
        } catch {
            context.logger.error("reading a media file failed", metadata: ["error": "\(error)"])
            throw HTTPProblem.unavailable("The file server is not available; try again later.", retryAfter: 5)
        }
        guard let bytes else { throw HTTPProblem.notFound() }
        let ext = name.split(separator: ".").last.map { String($0).lowercased() } ?? ""
        let headers: HTTPFields = [
            .contentType: Self.contentTypes[ext] ?? "application/octet-stream",
            // `nosniff` comes with every response (RequestIdMiddleware): served as the declared type only.
            .cacheControl: "public, max-age=31536000, immutable",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
