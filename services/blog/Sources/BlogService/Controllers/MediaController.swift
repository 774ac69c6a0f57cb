import Hummingbird
import InkwellFileSink
import InkwellServiceKit

/// `POST /api/v1/media` (API.md): an author with a verified email uploads one image as the raw
/// body (up to 5 MiB); its declared `Content-Type` must be PNG, JPEG, GIF or WebP and match its
/// magic number. It is stored content-addressed in the media sink, and the answer is 201
/// ``MediaUpload`` with `Location: /media/<name>`. No database connection is involved.
public struct MediaController: Sendable {
    let store: MediaStore

    public init(store: MediaStore) {
        self.store = store
    }

    /// Registers the route in a group with the media body limit (the service's routes have no
    /// router-wide limit; see ``BlogApp``), and 405 for the other methods.
    public func register(on router: Router<InkwellRequestContext>) {
        let media = router.group("api/v1/media").add(middleware: BodyLimitMiddleware(InkwellLimits.mediaBody))
        media.post("/") { request, context in try await self.upload(request, context: context) }
        for method: HTTPRequest.Method in [.get, .head, .put, .patch, .delete, .options] {
            media.on("/", method: method) { _, _ -> Response in
                throw HTTPProblem(.methodNotAllowed, detail: "Allowed: POST.", headers: [.allow: "POST"])
            }
        }
    }

    func upload(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<MediaUpload> {
        try context.requireRole(.author)
        try context.requireVerifiedEmail()
        // The declared type first: a wrong one is refused before any of the body is read.
        let declared = request.headers[.contentType]
        if case .failure(let rejection) = MediaCheck.declaredKind(declared) { throw rejection.problem }
        let bytes = try await Self.collectBody(request, limit: context.maxUploadSize)
        let kind: MediaKind
        switch MediaCheck.kind(declared: declared, bytes: bytes) {
        case .success(let checked): kind = checked
        case .failure(let rejection): throw rejection.problem
        }
        let upload: MediaUpload
        do {
            upload = try await store.store(bytes, kind: kind)
        } catch {
            context.logger.error("storing an upload failed", metadata: ["error": "\(error)"])
            throw HTTPProblem.unavailable("The media storage is not available; try again later.", retryAfter: 5)
        }
        context.logger.info("media stored", metadata: ["media_url": "\(upload.url)", "size": "\(upload.size)"])
        return JSONResponse(upload, status: .created, headers: [.location: upload.url])
    }

    /// The whole body, 413 beyond `limit` (a body without a declared length is cut off there).
    static func collectBody(_ request: Request, limit: Int) async throws -> [UInt8] {
        do {
            return Array(try await request.body.collect(upTo: limit).readableBytesView)
        } catch {
            throw HTTPProblem(.contentTooLarge, detail: "The request body is larger than \(limit) bytes.")
        }
    }
}
