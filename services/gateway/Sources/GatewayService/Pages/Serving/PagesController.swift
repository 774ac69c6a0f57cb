import HTTPTypes
import Hummingbird
import InkwellFileSink
import InkwellServiceKit
import NIOCore

/// `GET`/`HEAD` of the reading site (API.md "Pages", PAGES.md): `/`, `/page/{n}/`,
/// `/posts/{slug}/`, `/tags/{slug}/`, `/authors/{username}/`, `/feed.xml`, `/sitemap.xml`,
/// `/assets/...` and `/media/...`, answered from the pages sink alone (no service is called,
/// so pages are served while every other service is down), with `Content-Type`, a strong
/// `ETag`, `Last-Modified`, 304s for `If-None-Match`/`If-Modified-Since`, and `Cache-Control`.
/// Paths without their slash, `/page/1/` and an old slug's post page answer 301; anything
/// missing answers the site's `404.html` with status 404 (``SiteNotFoundMiddleware`` does the
/// same for paths no route matches).
public struct PagesController: Sendable {
    let server: SiteFileServer

    static let routes = ["/", "/posts/{slug}", "/tags/{slug}", "/authors/{username}", "/page/{n}", "/feed.xml", "/sitemap.xml", "/assets/**", "/media/**"]
    /// The page when the sink has no `404.html` (or cannot be read).
    static let fallbackNotFound = ByteBuffer(string: "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p><a href=\"/\">Home</a></p></body></html>\n")
    static let notFoundPath = try! SinkPath("404.html")
    /// A page's fields and the edge's: content type, cache control, ETag, Last-Modified,
    /// request id, nosniff, date, server, and content length for HEAD.
    static let responseFieldCapacity = 10

    public init(server: SiteFileServer) {
        self.server = server
    }

    public func register(on routes: RouteTable) {
        for path in Self.routes {
            routes.on(path, .get) { request, context in try await self.serve(request, context: context) }
            routes.on(path, .head) { request, context in try await self.serve(request, context: context) }
        }
    }

    func serve(_ request: Request, context: InkwellRequestContext) async throws -> Response {
        let head = request.method == .head
        switch SiteRoute.resolve(request.uri.path) {
        case .file(let path):
            let conditional = ConditionalRequest(headers: request.headers)
            let answer = try await read(path, conditional, context: context)
            return await respond(answer, kind: SiteFileKind.of(path.string), conditional: conditional, head: head, context: context)
        case .post(let page, let slug):
            let conditional = ConditionalRequest(headers: request.headers)
            let answer = try await read(page, conditional, context: context)
            if case .missing = answer, let redirect = SiteRoute.redirectFile(slug: slug),
               let target = try await movedSlug(redirect, from: slug, context: context) {
                return Self.redirect(to: "/posts/" + target + "/")
            }
            return await respond(answer, kind: .html, conditional: conditional, head: head, context: context)
        case .redirect(let location):
            return Self.redirect(to: location)
        case .notFound:
            return await notFoundPage(head: head, context: context)
        }
    }

    /// The answer of the sink, or 503 when it cannot be read. A symbolic link or a directory at
    /// the path is no page (nothing is followed): missing.
    func read(_ path: SinkPath, _ conditional: ConditionalRequest, context: InkwellRequestContext) async throws -> SiteFileAnswer {
        do {
            return try await server.files.file(path, conditional: conditional)
        } catch where error.kind == .symlinkRefused || error.kind == .notARegularFile {
            context.logger.warning("a file of the pages sink is not a regular file", metadata: ["path": "\(path)", "error": "\(error)"])
            return .missing
        } catch {
            context.logger.error("reading a file of the pages sink failed", metadata: ["path": "\(path)", "error": "\(error)"])
            throw HTTPProblem.unavailable("The file server is not available; try again later.", retryAfter: 5)
        }
    }

    /// The current slug of a post whose old slug was `slug`, from its redirect file; `nil` when
    /// there is none or it holds no valid slug (or the same one: no loop).
    func movedSlug(_ redirect: SinkPath, from slug: String, context: InkwellRequestContext) async throws -> String? {
        guard case .found(let file) = try await read(redirect, ConditionalRequest(), context: context) else { return nil }
        let target = file.trimmedText
        guard target != slug, (try? SinkPath(segments: ["posts", target, "index.html"])) != nil else { return nil }
        return target
    }

    func respond(_ answer: SiteFileAnswer, kind: SiteFileKind, conditional: ConditionalRequest, head: Bool, context: InkwellRequestContext) async -> Response {
        switch answer {
        case .found(let file):
            // Fields made once per file version and kind, appended without the by-name search
            // of `headers[name] = value`; room for the edge's own (request id, nosniff, date, server).
            var headers = HTTPFields()
            headers.reserveCapacity(Self.responseFieldCapacity)
            let notModified = conditional.isNotModified(eTag: file.eTag, lastModifiedSeconds: file.lastModifiedSeconds)
            if !notModified { headers.append(kind.contentTypeField) }
            headers.append(kind.cacheControlField)
            headers.append(contentsOf: file.validatorFields)
            if notModified { return Response(status: .notModified, headers: headers, body: .init()) }
            return Self.response(.ok, headers: headers, body: file.body, head: head)
        case .notModified(let eTag, let lastModified):
            var headers: HTTPFields = [.cacheControl: kind.cacheControl]
            if let eTag { headers[.eTag] = eTag }
            if let lastModified { headers[.lastModified] = lastModified }
            return Response(status: .notModified, headers: headers, body: .init())
        case .missing:
            return await notFoundPage(head: head, context: context)
        }
    }

    /// The site's 404 page with status 404 (the built-in one when the sink has none or fails).
    func notFoundPage(head: Bool, context: InkwellRequestContext) async -> Response {
        var body = Self.fallbackNotFound
        do {
            if case .found(let file) = try await server.files.file(Self.notFoundPath, conditional: ConditionalRequest()) { body = file.body }
        } catch {
            context.logger.warning("reading the 404 page failed", metadata: ["error": "\(error)"])
        }
        let headers: HTTPFields = [.contentType: SiteFileKind.html.contentType, .cacheControl: SiteFileKind.shortCache]
        return Self.response(.notFound, headers: headers, body: body, head: head)
    }

    /// A response with `body`, or for HEAD its headers only (with the length the body would have).
    static func response(_ status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer, head: Bool) -> Response {
        guard head else { return Response(status: status, headers: headers, body: .init(byteBuffer: body)) }
        var headers = headers
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: headers, body: .init())
    }

    static func redirect(to location: String) -> Response {
        Response(status: .movedPermanently, headers: [.location: location, .cacheControl: SiteFileKind.shortCache], body: .init())
    }
}
