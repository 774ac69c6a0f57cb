import Foundation
import Hummingbird

/// One invalid field of a request, as listed in a problem's `errors`.
public struct FieldError: Codable, Sendable, Equatable {
    public var field: String
    public var message: String
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// A failure that the HTTP edge answers as RFC 9457 `application/problem+json`.
///
/// Handlers throw these (or errors that map to them); ``ProblemMiddleware`` renders every error,
/// so no handler builds an error response itself and nothing internal leaks.
public struct HTTPProblem: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// A short slug: the problem type URI is `urn:inkwell:problem:<slug>`.
    public var slug: String
    public var title: String
    public var detail: String?
    public var errors: [FieldError]?
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, slug: String? = nil, title: String? = nil, detail: String? = nil, errors: [FieldError]? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.slug = slug ?? Self.defaultSlug(status)
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    public var type: String { "urn:inkwell:problem:\(slug)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        ProblemDetails(type: type, title: title, status: Int(status.code), detail: detail, errors: errors, instance: request.uri.path)
            .response(status: status, headers: headers)
    }

    static func defaultSlug(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad-request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not-found"
        case 405: "method-not-allowed"
        case 409: "conflict"
        case 412: "precondition-failed"
        case 413: "payload-too-large"
        case 415: "unsupported-media-type"
        case 422: "validation-failed"
        case 429: "rate-limited"
        case 503: "service-unavailable"
        case 504: "upstream-timeout"
        default: status.code >= 500 ? "internal-error" : "client-error"
        }
    }
}

extension HTTPProblem {
    public static func badRequest(_ detail: String) -> Self { .init(.badRequest, detail: detail) }
    public static func notFound(_ detail: String = "The requested resource does not exist.") -> Self { .init(.notFound, detail: detail) }
    public static func validation(_ errors: [FieldError]) -> Self {
        .init(.unprocessableContent, title: "Validation failed", detail: "One or more fields are invalid.", errors: errors)
    }
    public static func conflict(field: String, message: String) -> Self {
        .init(.conflict, title: "Conflict", detail: message, errors: [FieldError(field: field, message: message)])
    }
    public static func unavailable(_ detail: String, retryAfter: Int? = nil) -> Self {
        var headers = HTTPFields()
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return .init(.serviceUnavailable, detail: detail, headers: headers)
    }
    public static func unauthorized(_ detail: String) -> Self {
        .init(.unauthorized, detail: detail, headers: [.wwwAuthenticate: "Bearer"])
    }
    public static func forbidden(_ detail: String) -> Self { .init(.forbidden, detail: detail) }
}
