import Foundation
import HTTPTypes
import Hummingbird
import InkwellHTTPClient
import InkwellServiceKit

/// Passes requests for the services' public paths on to the owning service and its answer back
/// faithfully (status, body and the headers a client needs). Runs after the gateway's own routes
/// had their chance (composed endpoints), so only paths in ``RouteMap`` reach a service.
public struct ProxyMiddleware: RouterMiddleware {
    public typealias Context = InkwellRequestContext
    let upstreams: UpstreamClient
    let routes = RouteMap()

    /// Response headers worth passing on; connection-level ones are the gateway's own business.
    static let passedResponseHeaders: [HTTPField.Name] = [
        .contentType, .location, .eTag, .retryAfter, .wwwAuthenticate, .cacheControl, .allow, .lastModified,
    ]

    public init(upstreams: UpstreamClient) { self.upstreams = upstreams }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !routes.isComposed(method: request.method.rawValue, path: request.uri.path),
              let upstream = routes.upstream(for: request.uri.path)
        else {
            return try await next(request, context)
        }
        let limit = request.uri.path.hasPrefix("/api/v1/media") ? InkwellLimits.mediaBody : InkwellLimits.jsonBody
        let body: [UInt8]?
        do {
            let buffer = try await request.body.collect(upTo: limit)
            body = buffer.readableBytes > 0 || request.method == .post || request.method == .put || request.method == .patch ? Array(buffer.readableBytesView) : nil
        } catch {
            throw HTTPProblem(.contentTooLarge, detail: "The request body is larger than \(limit) bytes.")
        }
        let response = try await upstreams.send(upstream, method: request.method.rawValue, pathAndQuery: request.uri.description, headers: request.headers, body: body, context: context)
        return Self.relay(response)
    }

    static func relay(_ response: HTTPClientResponse) -> Response {
        var headers = HTTPFields()
        for name in passedResponseHeaders {
            if let value = response.header(name.canonicalName) { headers[name] = value }
        }
        return Response(status: .init(code: response.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: response.body)))
    }
}
